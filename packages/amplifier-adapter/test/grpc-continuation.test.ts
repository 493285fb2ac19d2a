import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type GrpcServerHandle, startGrpcServer } from '../src/grpc/start-grpc-server.js';
import { type OfficialClients, officialClients } from './official-client.js';

type Json = Record<string, unknown>;

describe('gRPC Mount carries auto_continue, the retry settings, raw and enable_response_chaining', () => {
  let emulator: Emulator;
  let server: GrpcServerHandle;
  let clients: OfficialClients;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    server = await startGrpcServer({ env: {} });
    clients = officialClients(server.address);
  });
  afterEach(async () => {
    await clients.call(clients.lifecycle, 'Cleanup');
  });
  afterAll(async () => {
    clients.close();
    await server.close();
    await emulator.close();
  });

  function mount(config: Record<string, string>) {
    return clients.call(clients.lifecycle, 'Mount', {
      config: {
        azure_endpoint: emulator.url,
        api_key: emulator.apiKey,
        default_model: 'gpt-4o',
        ...config,
      },
      module_id: 'provider-azure-openai',
    });
  }

  it('Complete continues an answer cut off at max_output_tokens and merges it (config as kernel strings)', async () => {
    const result = await mount({
      auto_continue: 'true',
      max_continuation_attempts: '5',
      max_tokens: '16',
      min_retry_delay: '0.1',
      max_retry_delay: '1',
      retry_jitter: 'false',
      raw: 'false',
      enable_response_chaining: 'auto',
    });
    expect(result.success).toBe(true);
    const answer = await clients.call(clients.provider, 'Complete', {
      messages: [{ role: 'ROLE_USER', text_content: 'long answer 40 words' }],
    });
    expect(answer.finish_reason).toBe('stop');
    const text = (JSON.parse(String(answer.content)) as Json[])
      .filter(block => block.type === 'text')
      .map(block => block.text)
      .join('');
    expect(text.split(' ')).toHaveLength(40);
    const metadata = JSON.parse(String(answer.metadata_json)) as Json;
    expect(metadata.continuation_count).toBe(2);
    expect((answer.usage as Json).completion_tokens).toBe(40);
    expect(emulator.recorder.requests.length).toBeGreaterThanOrEqual(3);
  });

  it('Mount refuses an invalid enable_response_chaining, and raw / raw_debug that disagree', async () => {
    const chaining = await mount({ enable_response_chaining: 'sometimes' });
    expect(chaining.success).toBe(false);
    expect(chaining.error).toMatch(/enable_response_chaining.*auto, true or false/);
    const raw = await mount({ raw: 'true', raw_debug: 'false' });
    expect(raw.success).toBe(false);
    expect(raw.error).toMatch(/Both `raw` and `raw_debug` are set/);
    const jitter = await mount({ retry_jitter: '2' });
    expect(jitter.success).toBe(false);
    expect(jitter.error).toContain('retry_jitter');
  });
});

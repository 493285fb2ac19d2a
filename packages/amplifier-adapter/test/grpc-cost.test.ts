import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GrpcServerHandle, startGrpcServer } from '../src/grpc/start-grpc-server.js';
import { type OfficialClients, officialClients } from './official-client.js';

describe('gRPC Complete carries Usage.cost_usd in metadata_json (real gRPC, emulator)', () => {
  let emulator: Emulator;
  let server: GrpcServerHandle;
  let clients: OfficialClients;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    server = await startGrpcServer({
      config: {
        azure_endpoint: emulator.url,
        api_key: emulator.apiKey,
        default_model: 'gpt-4o',
        deployment_pricing: { 'gpt-4.1': { deployment_type: 'PTU' } },
      },
      env: {},
      port: 0,
    });
    clients = officialClients(server.address);
  });

  afterAll(async () => {
    clients.close();
    await server.close();
    await emulator.close();
  });

  it('a priced answer has cost_usd (decimal string) beside the token counts; PTU is "0"', async () => {
    const ask = (model: string) =>
      clients.call(clients.provider, 'Complete', {
        messages: [{ role: 'ROLE_USER', text_content: 'hello' }],
        model,
      });
    const priced = await ask('gpt-4o');
    const usage = priced.usage as Record<string, unknown>;
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    const metadata = JSON.parse(String(priced.metadata_json));
    expect(metadata.cost_usd).toMatch(/^\d+\.\d+$/);
    const expected =
      ((usage.prompt_tokens as number) * 2.5 + (usage.completion_tokens as number) * 10) / 1e6;
    expect(Number(metadata.cost_usd)).toBeCloseTo(expected, 12);
    const ptu = await ask('gpt-4.1');
    expect(JSON.parse(String(ptu.metadata_json)).cost_usd).toBe('0');
  });
});

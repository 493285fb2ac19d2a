import { resolveConfig } from '@amplifier-azure-openai/config';
import type { Emulator } from '@amplifier-azure-openai/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ChatRequest, createAzureOpenAIProvider, InvalidRequestError } from '../src/index.js';
import {
  recordingSink,
  SETUP_TIMEOUT_MS,
  startTestEmulator,
  TEST_DEPLOYMENTS,
  WEATHER_TOOL,
} from './harness.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator({
    deployments: {
      ...TEST_DEPLOYMENTS,
      'gpt-5.1': { model: 'gpt-5.1', reasoning: true },
      'gpt-5.2': { model: 'gpt-5.2', reasoning: true },
    },
  });
}, SETUP_TIMEOUT_MS);
afterAll(() => emulator.close());
beforeEach(() => emulator.recorder.clear());

function providerWith(settings: Record<string, unknown> = {}) {
  const sink = recordingSink();
  const provider = createAzureOpenAIProvider({
    config: resolveConfig(
      {
        azure_endpoint: emulator.url,
        api_key: emulator.apiKey,
        default_model: 'gpt-5',
        ...settings,
      },
      {},
    ),
    events: sink,
  });
  return { provider, sink };
}

const lastBody = () =>
  emulator.recorder.responsesRequests().at(-1)?.body as Record<string, unknown>;
const hi: ChatRequest = { messages: [{ role: 'user', content: 'hi' }] };

describe('request options through the emulator', () => {
  it('sends the configured options, and Azure (the emulator) takes them', async () => {
    const { provider } = providerWith({
      prompt_cache_key: 'tenant-1',
      prompt_cache_retention: '24h',
      safety_identifier: 'user-1',
      truncation: 'auto',
      service_tier: 'priority',
      parallel_tool_calls: false,
      text_verbosity: 'low',
      extra_body: { metadata: { team: 'search' } },
    });
    const response = await provider.complete({ ...hi, tools: [WEATHER_TOOL] });
    expect(response.content.length).toBeGreaterThan(0);
    expect(lastBody()).toMatchObject({
      prompt_cache_key: 'tenant-1',
      prompt_cache_retention: '24h',
      safety_identifier: 'user-1',
      truncation: 'auto',
      service_tier: 'priority',
      parallel_tool_calls: false,
      text: { verbosity: 'low' },
      metadata: { team: 'search' },
    });
    await provider.close();
  });

  it('takes per-request options from request.metadata (and request fields) over the config', async () => {
    const { provider } = providerWith({ prompt_cache_key: 'config-key', service_tier: 'auto' });
    await provider.complete({
      ...hi,
      metadata: {
        prompt_cache_key: 'conversation-7',
        safety_identifier: 'end-user-9',
        service_tier: 'flex',
        extra_headers: { 'x-route': 'eu' },
      },
    });
    expect(lastBody()).toMatchObject({
      prompt_cache_key: 'conversation-7',
      safety_identifier: 'end-user-9',
      service_tier: 'flex',
    });
    expect(emulator.recorder.responsesRequests().at(-1)?.headers['x-route']).toBe('eu');
    await provider.close();
  });

  it('sends configured extra_headers, never in events or errors', async () => {
    const { provider, sink } = providerWith({
      extra_headers: { 'x-gateway-token': 'gw-secret-456' },
      debug: true,
      raw_debug: true,
      max_retries: 0,
    });
    await provider.complete(hi);
    expect(emulator.recorder.responsesRequests().at(-1)?.headers['x-gateway-token']).toBe(
      'gw-secret-456',
    );
    emulator.addFault({ kind: 'server-error', status: 500 });
    const error = await provider.complete(hi).catch((thrown: unknown) => thrown);
    expect(JSON.stringify(sink.events)).not.toContain('gw-secret-456');
    expect(String(error)).not.toContain('gw-secret-456');
    expect(JSON.stringify(error)).not.toContain('gw-secret-456');
    await provider.close();
  });

  it('sends reasoning_effort none and xhigh only where the model family takes them', async () => {
    const { provider, sink } = providerWith();
    await provider.complete({ ...hi, model: 'gpt-5.1', reasoning_effort: 'none' });
    expect(lastBody().reasoning).toMatchObject({ effort: 'none' });
    await provider.complete({ ...hi, model: 'gpt-5.2', reasoning_effort: 'xhigh' });
    expect(lastBody().reasoning).toMatchObject({ effort: 'xhigh' });
    // GPT-5 takes neither: not sent, with a warning, and the call succeeds.
    await provider.complete({ ...hi, model: 'gpt-5', reasoning_effort: 'xhigh' });
    expect((lastBody().reasoning as Record<string, unknown>).effort).toBeUndefined();
    expect(sink.named('provider:warning').map(entry => entry.message)).toContainEqual(
      expect.stringContaining('reasoning_effort "xhigh" was not sent'),
    );
    await provider.close();
  });

  it('refuses a bad per-request value with a typed error before sending', async () => {
    const { provider } = providerWith();
    const error = await provider
      .complete({ ...hi, metadata: { service_tier: 'gold' } })
      .catch((thrown: unknown) => thrown);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).param).toBe('service_tier');
    expect(emulator.recorder.responsesRequests()).toHaveLength(0);
    await provider.close();
  });
});

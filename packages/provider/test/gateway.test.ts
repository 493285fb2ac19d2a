import { resolveConfig } from '@amplifier-azure-openai/config';
import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError, createAzureOpenAIProvider } from '../src/index.js';
import { recordingSink } from './harness.js';

const SUBSCRIPTION_KEY = 'apim-sub-key-7788';
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    gateway: { pathPrefix: '/my-prefix', subscriptionKey: SUBSCRIPTION_KEY },
  });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.recorder.clear());

function gatewayProvider(settings: Record<string, unknown>) {
  const sink = recordingSink();
  const resolved = resolveConfig(
    { azure_endpoint: emulator.endpoint, default_model: 'gpt-4o', max_retries: 0, ...settings },
    {},
  );
  return {
    provider: createAzureOpenAIProvider({ config: resolved, events: sink }),
    sink,
    config: resolved.config,
  };
}

const hi = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('an API Management gateway in front of Azure OpenAI (emulator gateway mode)', () => {
  it('keeps the path prefix and authenticates with the subscription key alone', async () => {
    const { provider, config, sink } = gatewayProvider({ apim_subscription_key: SUBSCRIPTION_KEY });
    expect(config.baseUrl).toBe(`${emulator.url}/my-prefix/openai/v1`);
    const response = await provider.complete(hi);
    expect(response.content.length).toBeGreaterThan(0);
    const [recorded] = emulator.recorder.responsesRequests();
    expect(recorded?.auth).toBe('apim-subscription-key');
    expect(recorded?.headers).not.toHaveProperty('api-key');
    expect(recorded?.headers).not.toHaveProperty('authorization');
    expect(JSON.stringify(sink.events)).not.toContain(SUBSCRIPTION_KEY);
    await provider.close();
  });

  it('sends the subscription key with the resource key, and custom headers', async () => {
    const { provider } = gatewayProvider({
      api_key: emulator.apiKey,
      apim_subscription_key: SUBSCRIPTION_KEY,
      extra_headers: { 'x-apim-route': 'westeurope' },
    });
    await provider.complete(hi);
    const [recorded] = emulator.recorder.responsesRequests();
    expect(recorded?.auth).toBe('api-key');
    expect(recorded?.headers['x-apim-route']).toBe('westeurope');
    expect(recorded?.headers['ocp-apim-subscription-key']).not.toBe(SUBSCRIPTION_KEY); // masked
    await provider.close();
  });

  it('streams through the gateway', async () => {
    const { provider, sink } = gatewayProvider({ apim_subscription_key: SUBSCRIPTION_KEY });
    await provider.complete(hi);
    expect(emulator.recorder.responsesRequests()[0]?.stream).toBe(true);
    expect(sink.named('llm:stream_block_delta').length).toBeGreaterThan(0);
    await provider.close();
  });

  it('a wrong subscription key is an AuthenticationError that never shows the key', async () => {
    const { provider, sink } = gatewayProvider({ apim_subscription_key: 'wrong-key-0000' });
    const error = await provider.complete(hi).catch((thrown: unknown) => thrown);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as AuthenticationError).status).toBe(401);
    const texts = [String(error), JSON.stringify(error), JSON.stringify(sink.events)];
    for (const text of texts) expect(text).not.toContain('wrong-key-0000');
    await provider.close();
  });
});

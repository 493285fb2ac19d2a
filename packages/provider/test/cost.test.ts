import type { Emulator } from '@amplifier-azure-openai/emulator';
import { validateResponsesRequest } from '@amplifier-azure-openai/test-utils';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Usage } from '../src/index.js';
import { providerFor, SETUP_TIMEOUT_MS, startTestEmulator, TEST_DEPLOYMENTS } from './harness.js';

beforeAll(() => {
  validateResponsesRequest({ model: 'warm-up', input: 'hi' });
}, SETUP_TIMEOUT_MS);

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** The expected cost in USD of `usage` at per-million prices (exact for these small counts). */
function expected(usage: Usage, input: number, cached: number, output: number): number {
  const cachedTokens = usage.cache_read_tokens ?? 0;
  return (
    ((usage.input_tokens - cachedTokens) * input +
      cachedTokens * cached +
      usage.output_tokens * output) /
    1e6
  );
}

// A conversation of two input items: the emulator reports half the input as cached.
const TWO_TURNS = [
  { role: 'user' as const, content: 'hello there' },
  { role: 'assistant' as const, content: 'hi' },
  { role: 'user' as const, content: 'tell me more' },
];

describe('Usage.cost_usd (real SDK, emulator)', () => {
  for (const [label, metadata] of [
    ['streamed', {}],
    ['plain', { stream: false }],
  ] as const) {
    it(`${label}: prices fresh input, cached input and output from the table, and reports it on llm:response`, async () => {
      emulator = await startTestEmulator();
      const { provider, sink } = providerFor(emulator);
      const response = await provider.complete({ model: 'gpt-4o', messages: TWO_TURNS, metadata });
      const usage = response.usage!;
      expect(usage.cache_read_tokens).toBeGreaterThan(0);
      expect(Number(usage.cost_usd)).toBeCloseTo(expected(usage, 2.5, 1.25, 10), 12);
      expect(sink.named('llm:response')[0]?.usage).toMatchObject({ cost_usd: usage.cost_usd });
      await provider.close();
    });
  }

  it('reasoning tokens are billed as output (gpt-5)', async () => {
    emulator = await startTestEmulator();
    const { provider } = providerFor(emulator);
    const response = await provider.complete({
      model: 'gpt-5',
      messages: [{ role: 'user', content: 'think about it' }],
      metadata: { stream: false },
    });
    const usage = response.usage!;
    expect(usage.reasoning_tokens).toBeGreaterThan(0);
    expect(Number(usage.cost_usd)).toBeCloseTo(expected(usage, 1.25, 0.125, 10), 12);
    await provider.close();
  });

  it('PTU deployments cost 0; a deployment price override wins', async () => {
    emulator = await startTestEmulator();
    const { provider } = providerFor(emulator, {
      settings: {
        deployment_pricing: {
          'gpt-4o': { deployment_type: 'PTU' },
          'gpt-4.1': { input: 1, cached_input: 0.5, output: 3 },
        },
      },
    });
    const ptu = await provider.complete({ model: 'gpt-4o', messages: TWO_TURNS });
    expect(ptu.usage?.cost_usd).toBe('0');
    const priced = await provider.complete({ model: 'gpt-4.1', messages: TWO_TURNS });
    expect(Number(priced.usage?.cost_usd)).toBeCloseTo(expected(priced.usage!, 1, 0.5, 3), 12);
    await provider.close();
  });

  it('an unknown model has no cost and one provider:warning, however often it is called', async () => {
    emulator = await startTestEmulator({
      deployments: {
        ...TEST_DEPLOYMENTS,
        'lab-model': { model: 'gpt-9-preview', reasoning: false },
      },
    });
    const { provider, sink } = providerFor(emulator);
    for (let i = 0; i < 2; i++) {
      const response = await provider.complete({
        model: 'lab-model',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(response.usage?.input_tokens).toBeGreaterThan(0);
      expect(response.usage?.cost_usd).toBeUndefined();
    }
    const warnings = sink
      .named('provider:warning')
      .filter(payload => String(payload.message).startsWith('No price for model'));
    expect(warnings).toHaveLength(1);
    expect(sink.named('llm:response')[0]?.usage).not.toHaveProperty('cost_usd');
    await provider.close();
  });
});

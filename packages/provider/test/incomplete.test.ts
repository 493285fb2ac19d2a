import { describe, expect, it } from 'vitest';
import { providerFor, useTestEmulator } from './harness.js';

const emulator = useTestEmulator();

describe('incomplete answers are never silent (real SDK, emulator)', () => {
  for (const stream of [false, true]) {
    it(`reasoning model out of budget (stream ${stream}): length, reasoning_only, warning naming max_tokens`, async () => {
      const warnings: string[] = [];
      const { provider, sink } = providerFor(emulator(), {
        options: {
          logger: {
            debug() {},
            info() {},
            warn: message => warnings.push(message),
            error() {},
          },
        },
      });
      const response = await provider.complete({
        model: 'gpt-5',
        stream,
        max_tokens: 16,
        messages: [{ role: 'user', content: 'Explain the theory of relativity in detail' }],
      });
      expect(response.finish_reason).toBe('length');
      expect(response.metadata?.incomplete).toMatchObject({
        reason: 'max_output_tokens',
        reasoning_only: true,
      });
      expect(warnings.join('\n')).toMatch(
        /spent its whole output budget \(16 tokens\) on reasoning/,
      );
      expect(warnings.join('\n')).toMatch(/max_tokens/);
      const [warning] = sink.named('provider:warning');
      expect(warning).toMatchObject({
        finish_reason: 'length',
        incomplete_reason: 'max_output_tokens',
        reasoning_only: true,
        request_id: response.metadata?.request_id,
        client_request_id: response.metadata?.client_request_id,
      });
      expect(sink.named('llm:response')[0]).toMatchObject({
        incomplete_reason: 'max_output_tokens',
      });
      await provider.close();
    });
  }

  it('content filter: finish_reason content_filter with the reason in metadata', async () => {
    const { provider, sink } = providerFor(emulator());
    emulator().addFault({ kind: 'incomplete', reason: 'content_filter' });
    const response = await provider.complete({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'tell me a story about dragons' }],
    });
    expect(response.finish_reason).toBe('content_filter');
    expect(response.metadata?.incomplete_reason).toBe('content_filter');
    expect(response.metadata?.incomplete?.reasoning_only).toBe(false);
    expect(sink.named('provider:warning')).toHaveLength(1);
    await provider.close();
  });
});

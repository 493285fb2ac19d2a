import { describe, expect, it } from 'vitest';
import { type AzureOpenAIError, RateLimitError } from '../src/index.js';
import { providerFor, useTestEmulator } from './harness.js';

const emulator = useTestEmulator();
const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };

describe('rate-limit reset headers set the wait when Azure sends no retry-after', () => {
  it('waits x-ratelimit-reset-tokens (20ms) before the retry', async () => {
    const { provider, sleeper, sink } = providerFor(emulator());
    emulator().addFault({ kind: 'rate-limit', omitRetryAfter: true, resetTokens: '20ms' });
    const response = await provider.complete(hello);
    expect(response.finish_reason).toBe('stop');
    expect(sleeper.waits).toEqual([20]);
    expect(sink.named('provider:throttle')[0]).toMatchObject({
      retry_after_ms: 20,
      action: 'retry',
    });
    await provider.close();
  });

  it('puts the wait and its source on the RateLimitError (Go duration 6m0s)', async () => {
    const { provider } = providerFor(emulator(), { settings: { max_retries: 0 } });
    emulator().addFault({ kind: 'rate-limit', omitRetryAfter: true, resetRequests: '6m0s' });
    let error: AzureOpenAIError | undefined;
    try {
      await provider.complete(hello);
    } catch (thrown) {
      error = thrown as AzureOpenAIError;
    }
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error?.retryAfterMs).toBe(360_000);
    expect(error?.retryAfterSource).toBe('x-ratelimit-reset-requests');
    await provider.close();
  });

  it('still prefers retry-after-ms when Azure sends it', async () => {
    const { provider, sleeper } = providerFor(emulator());
    emulator().addFault({ kind: 'rate-limit', retryAfterMs: 40, resetTokens: '5s' });
    await provider.complete(hello);
    expect(sleeper.waits).toEqual([40]);
    await provider.close();
  });
});

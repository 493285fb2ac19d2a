import { describe, expect, it } from 'vitest';
import { providerFor, useTestEmulator } from './harness.js';

const emulator = useTestEmulator();
const HELLO = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello' }] };

describe('min_retry_delay / max_retry_delay / retry_jitter (real SDK, emulator faults)', () => {
  it('backs off from min_retry_delay, doubling up to max_retry_delay, without jitter at 0', async () => {
    const { provider, sink, sleeper } = providerFor(emulator(), {
      settings: { min_retry_delay: 2, max_retry_delay: 5, retry_jitter: 0, max_retries: 3 },
    });
    emulator().addFault({ kind: 'server-error', status: 500, times: 3 });
    const response = await provider.complete(HELLO);
    expect(response.metadata?.status).toBe('completed');
    expect(sleeper.waits).toEqual([2000, 4000, 5000]);
    expect(sink.named('provider:retry').map(event => event.delay_ms)).toEqual([2000, 4000, 5000]);
    await provider.close();
  });

  it('jitter shortens each delay by up to its share (random 0.5 here)', async () => {
    const { provider, sleeper } = providerFor(emulator(), {
      settings: { min_retry_delay: 1, max_retry_delay: 60, retry_jitter: 0.2 },
    });
    emulator().addFault({ kind: 'server-error', status: 503, times: 2 });
    await provider.complete(HELLO);
    expect(sleeper.waits).toEqual([900, 1800]);
    await provider.close();
  });

  it('the same backoff applies when complete() retries a broken stream', async () => {
    const { provider, sleeper } = providerFor(emulator(), {
      settings: { min_retry_delay: 3, retry_jitter: false },
    });
    emulator().addFault({ kind: 'drop-mid-stream', afterEvents: 5 });
    await provider.complete(HELLO);
    expect(sleeper.waits).toEqual([3000]);
    await provider.close();
  });
});

import { describe, expect, it } from 'vitest';
import { AbortedError, RateLimitError } from '../src/index.js';
import { providerFor, startTestEmulator, useTestEmulator } from './harness.js';

const emulator = useTestEmulator();

const failoverSettings = {
  deployment_mapping: { 'gpt-5': ['production-gpt5', 'backup-gpt5'] },
  failover_retry_after_threshold_seconds: 10,
};
const ask = (model = 'gpt-5') => ({
  model,
  messages: [{ role: 'user' as const, content: 'hello' }],
});

describe('retries', () => {
  it('honours retry-after-ms on a 429 (the requested wait is recorded, not timed)', async () => {
    const { provider, sleeper, sink } = providerFor(emulator());
    emulator().addFault({ kind: 'rate-limit', retryAfterMs: 2500 });
    const response = await provider.complete(ask('gpt-4o'));
    expect(response.content.length).toBeGreaterThan(0);
    expect(sleeper.waits).toEqual([2500]);
    expect(
      emulator()
        .recorder.responsesRequests()
        .map(request => request.status),
    ).toEqual([429, 200]);
    expect(sink.named('provider:throttle')).toEqual([
      expect.objectContaining({ deployment: 'gpt-4o', retry_after_ms: 2500, action: 'retry' }),
    ]);
    expect(sink.named('provider:retry')).toEqual([
      expect.objectContaining({ deployment: 'gpt-4o', attempt: 1, delay_ms: 2500, status: 429 }),
    ]);
    await provider.close();
  });

  it('backs off with jitter on 5xx and gives up after max_retries', async () => {
    const { provider, sleeper } = providerFor(emulator(), { settings: { max_retries: 2 } });
    emulator().addFault({ kind: 'server-error', status: 500, times: 2 });
    await provider.complete(ask('gpt-4o'));
    // random() = 0.5: half of 500 ms, then half of 1000 ms.
    expect(sleeper.waits).toEqual([250, 500]);
    expect(emulator().recorder.responsesRequests()).toHaveLength(3);
    await provider.close();
  });

  it('does not retry a 400', async () => {
    const { provider, sleeper } = providerFor(emulator());
    emulator().addFault({ kind: 'context-length-exceeded' });
    await expect(provider.complete(ask('gpt-4o'))).rejects.toThrow();
    expect(sleeper.waits).toEqual([]);
    expect(emulator().recorder.responsesRequests()).toHaveLength(1);
    await provider.close();
  });

  it('an abort during the backoff wait stops at once', async () => {
    const controller = new AbortController();
    const { provider } = providerFor(emulator(), {
      options: {
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
            controller.abort();
          }),
      },
    });
    emulator().addFault({ kind: 'server-error', status: 503 });
    const error = await provider
      .complete(ask('gpt-4o'), { signal: controller.signal })
      .catch(e => e);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(emulator().recorder.responsesRequests()).toHaveLength(1);
    await provider.close();
  });
});

describe('failover', () => {
  it('fails over to the second deployment at once when retry-after exceeds the threshold', async () => {
    const { provider, sleeper, sink } = providerFor(emulator(), { settings: failoverSettings });
    emulator().addFault({
      kind: 'rate-limit',
      retryAfterMs: 60_000,
      deployment: 'production-gpt5',
    });
    const response = await provider.complete(ask());
    expect(response.metadata?.deployment).toBe('backup-gpt5');
    expect(sleeper.waits).toEqual([]);
    expect(
      emulator()
        .recorder.responsesRequests()
        .map(request => request.deployment),
    ).toEqual(['production-gpt5', 'backup-gpt5']);
    expect(sink.named('provider:failover')).toEqual([
      expect.objectContaining({ from_deployment: 'production-gpt5', to_deployment: 'backup-gpt5' }),
    ]);
    // The cooldown is shared: the next request goes straight to the backup.
    emulator().recorder.clear();
    await provider.complete(ask());
    expect(
      emulator()
        .recorder.responsesRequests()
        .map(request => request.deployment),
    ).toEqual(['backup-gpt5']);
    await provider.close();
  });

  it('fails over after the retry budget on 5xx', async () => {
    const { provider, sleeper } = providerFor(emulator(), {
      settings: { ...failoverSettings, max_retries: 1 },
    });
    emulator().addFault({
      kind: 'server-error',
      status: 503,
      times: 'always',
      deployment: 'production-gpt5',
    });
    const response = await provider.complete(ask());
    expect(response.metadata?.deployment).toBe('backup-gpt5');
    expect(sleeper.waits).toHaveLength(1);
    expect(
      emulator()
        .recorder.responsesRequests()
        .map(request => request.deployment),
    ).toEqual(['production-gpt5', 'production-gpt5', 'backup-gpt5']);
    await provider.close();
  });

  it('all deployments throttled: one RateLimitError with the soonest retry-after, no loop', async () => {
    const { provider } = providerFor(emulator(), { settings: failoverSettings });
    emulator().addFault({
      kind: 'rate-limit',
      retryAfterMs: 60_000,
      deployment: 'production-gpt5',
    });
    emulator().addFault({ kind: 'rate-limit', retryAfterMs: 30_000, deployment: 'backup-gpt5' });
    const error = await provider.complete(ask()).catch(e => e);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.throttledDeployments).toEqual(['production-gpt5', 'backup-gpt5']);
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
    expect(emulator().recorder.responsesRequests()).toHaveLength(2);
    // While both cool down, nothing is sent at all.
    const again = await provider.complete(ask()).catch(e => e);
    expect(RateLimitError.isInstance(again)).toBe(true);
    expect(emulator().recorder.responsesRequests()).toHaveLength(2);
    await provider.close();
  });
});

describe('multi-region failover', () => {
  it('fails over to a deployment on another endpoint with its own client', async () => {
    const second = await startTestEmulator({ apiKey: emulator().apiKey });
    try {
      const { provider } = providerFor(emulator(), {
        settings: {
          deployment_mapping: {
            'gpt-5': [
              { deployment: 'production-gpt5' },
              { deployment: 'backup-gpt5', endpoint: second.url },
            ],
          },
          max_retries: 0,
        },
      });
      emulator().addFault({ kind: 'server-error', status: 503, deployment: 'production-gpt5' });
      const response = await provider.complete(ask());
      expect(response.metadata?.deployment).toBe('backup-gpt5');
      expect(emulator().recorder.responsesRequests()).toHaveLength(1);
      const remote = second.recorder.responsesRequests();
      expect(remote).toHaveLength(1);
      expect(remote[0]!.auth).toBe('api-key');
      await provider.close();
    } finally {
      await second.close();
    }
  });
});

describe('unsupported parameter learning', () => {
  it('drops temperature and then top_p in the same call when the deployment rejects both', async () => {
    const { provider } = providerFor(emulator(), {
      settings: {
        deployment_mapping: { thinker: 'mystery-reasoner' },
        temperature: 0.3,
        top_p: 0.5,
      },
    });
    const response = await provider.complete({
      model: 'thinker',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(response.finish_reason).toBe('stop');
    const bodies = emulator()
      .recorder.responsesRequests()
      .map(request => request.body as Record<string, unknown>);
    expect(bodies).toHaveLength(3);
    expect(bodies[2]).not.toHaveProperty('temperature');
    expect(bodies[2]).not.toHaveProperty('top_p');
    await provider.close();
  });

  it('retries once without temperature, warns, and remembers it for the deployment', async () => {
    const { provider, sink } = providerFor(emulator(), {
      settings: { deployment_mapping: { thinker: 'mystery-reasoner' }, temperature: 0.3 },
    });
    const warnings: string[] = [];
    const first = await provider.complete({
      model: 'thinker',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(first.content.length).toBeGreaterThan(0);
    const bodies = emulator()
      .recorder.responsesRequests()
      .map(request => request.body as Record<string, unknown>);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]!.temperature).toBe(0.3);
    expect(bodies[1]).not.toHaveProperty('temperature');
    for (const payload of sink.named('provider:warning')) warnings.push(String(payload.message));
    expect(warnings.some(message => message.includes("'temperature'"))).toBe(true);

    emulator().recorder.clear();
    await provider.complete({ model: 'thinker', messages: [{ role: 'user', content: 'again' }] });
    const later = emulator().recorder.responsesRequests();
    expect(later).toHaveLength(1);
    expect(later[0]!.body).not.toHaveProperty('temperature');
    await provider.close();
  });
});

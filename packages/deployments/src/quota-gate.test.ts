import { describe, expect, it } from 'vitest';
import { DeploymentConfigError } from './deployment-errors.js';
import { createMemoryStateStore } from './memory-state-store.js';
import { createQuotaGate, readQuotaHeaders } from './quota-gate.js';

function fakeTime() {
  let at = 1_000_000;
  const sleeps: number[] = [];
  return {
    now: () => at,
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      at += ms;
    },
  };
}

const A = { deployment: 'a' };
const B = { deployment: 'b' };

describe('createQuotaGate', () => {
  it('prefers the first deployment with budget left and moves on when it has none', async () => {
    const time = fakeTime();
    const gate = createQuotaGate({
      deploymentQuotas: { a: { tpm: 100 }, b: { tpm: 100 } },
      now: time.now,
      sleep: time.sleep,
      windowSafetyMs: 0,
    });
    expect(await gate.admit([A, B], { tokens: 80 })).toMatchObject({ ok: true, target: A });
    expect(await gate.admit([A, B], { tokens: 80 })).toMatchObject({ ok: true, target: B });
    expect(await gate.admit([A, B], { tokens: 80 })).toMatchObject({
      ok: false,
      target: A,
      reason: 'tokens',
      retryAfterMs: 60_000,
    });
    expect(time.sleeps).toEqual([]);
  });

  it('waits for the soonest budget when allowed to, instead of sending a sure 429', async () => {
    const time = fakeTime();
    const gate = createQuotaGate({
      deploymentQuotas: { a: { rpm: 1, window_seconds: 1 } },
      now: time.now,
      sleep: time.sleep,
      windowSafetyMs: 0,
    });
    await gate.admit([A], { tokens: 1 });
    const admission = await gate.admit([A], { tokens: 1, maxWaitMs: 5000 });
    expect(admission).toMatchObject({ ok: true, target: A });
    expect(time.sleeps).toHaveLength(1);
    expect(time.sleeps[0]).toBeGreaterThanOrEqual(1000);
  });

  it('skips a deployment another caller reported throttled, through the shared store', async () => {
    const store = createMemoryStateStore();
    const one = createQuotaGate({ store });
    const two = createQuotaGate({ store });
    one.reportThrottled(A, 5000, 'Rate limit exceeded');
    await new Promise(resolve => setImmediate(resolve));
    expect(await two.admit([A, B], { tokens: 1 })).toMatchObject({ ok: true, target: B });
    expect(await two.admit([A], { tokens: 1 })).toMatchObject({ ok: false, reason: 'cooldown' });
  });

  it('learns a limit from x-ratelimit-limit headers', async () => {
    const gate = createQuotaGate({ windowSafetyMs: 0 });
    expect(gate.limitFor(A)).toBeUndefined();
    gate.observe(
      A,
      new Headers({ 'x-ratelimit-limit-tokens': '1000', 'x-ratelimit-limit-requests': '6' }),
    );
    expect(gate.limitFor(A)).toEqual({ tokens: 1000, requests: 6, windowMs: 60_000 });
  });

  it('leaves a deployment alone until its reset when its headers said too few tokens remain', async () => {
    const time = fakeTime();
    const gate = createQuotaGate({ now: time.now, sleep: time.sleep });
    gate.observe(A, { 'x-ratelimit-remaining-tokens': '10', 'x-ratelimit-reset-tokens': '2s' });
    await new Promise(resolve => setImmediate(resolve));
    expect(await gate.admit([A, B], { tokens: 50 })).toMatchObject({ ok: true, target: B });
    expect(await gate.admit([A], { tokens: 50 })).toMatchObject({
      ok: false,
      reason: 'learned',
      retryAfterMs: 2000,
    });
  });

  it('rejects malformed deployment_quotas with the key and a fix', () => {
    let error: unknown;
    try {
      createQuotaGate({ deploymentQuotas: { a: { tpm: -1 }, b: 'fast' } as never });
    } catch (thrown) {
      error = thrown;
    }
    expect(DeploymentConfigError.isInstance(error)).toBe(true);
    const keys = (error as DeploymentConfigError).problems.map(problem => problem.key);
    expect(keys).toEqual(['deployment_quotas.a.tpm', 'deployment_quotas.b']);
  });
});

describe('readQuotaHeaders', () => {
  it('reads remaining, limit and reset headers', () => {
    expect(
      readQuotaHeaders(
        new Headers({
          'x-ratelimit-remaining-tokens': '900',
          'x-ratelimit-remaining-requests': '5',
          'x-ratelimit-reset-tokens': '250ms',
        }),
        7,
      ),
    ).toEqual({
      remainingTokens: 900,
      remainingRequests: 5,
      limitTokens: undefined,
      limitRequests: undefined,
      resetTokensMs: 250,
      observedAt: 7,
    });
    expect(readQuotaHeaders(new Headers(), 7)).toBeUndefined();
  });
});

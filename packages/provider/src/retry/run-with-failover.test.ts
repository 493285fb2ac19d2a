import { describe, expect, it } from 'vitest';
import { AbortedError } from '../errors/aborted-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { ServiceUnavailableError } from '../errors/service-unavailable-error.js';
import { translateError } from '../errors/translate-error.js';
import type { FailoverPlanLike, FailoverTarget, ThrottleRegistry } from './run-with-failover.js';
import { runWithFailover } from './run-with-failover.js';

function registry(thresholdMs = 10_000) {
  const cooldowns = new Map<string, number>();
  const reports: Array<[string, number]> = [];
  const value: ThrottleRegistry = {
    reportThrottled(target, ms) {
      reports.push([target.deployment, ms]);
      cooldowns.set(target.deployment, ms);
    },
    cooldownRemainingMs: target => cooldowns.get(target.deployment) ?? 0,
    shouldFailoverImmediately: ms => ms !== undefined && ms > thresholdMs,
  };
  return { value, reports, cooldowns };
}

function plan(...names: string[]): FailoverPlanLike {
  return { targets: names.map(deployment => ({ deployment })), skipped: [] };
}

const throttle = (ms?: number) =>
  new RateLimitError({ message: 'slow down', status: 429, retryAfterMs: ms });
const unavailable = () => new ServiceUnavailableError({ message: 'busy', status: 503 });

function recorder() {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
}

describe('runWithFailover', () => {
  it('retries a 429 after the retry-after Azure asked for', async () => {
    const { sleeps, sleep } = recorder();
    const reg = registry();
    let calls = 0;
    const result = await runWithFailover({
      plan: plan('a'),
      registry: reg.value,
      model: 'gpt-5',
      maxRetries: 3,
      sleep,
      translate: error => translateError(error),
      attempt: async () => {
        calls++;
        if (calls === 1) throw throttle(1500);
        return 'ok';
      },
    });
    expect(result).toBe('ok');
    expect(sleeps).toEqual([1500]);
    expect(reg.reports).toEqual([['a', 1500]]);
  });

  it('reports a cooldown of the backoff cap for a 429 without retry-after', async () => {
    const reg = registry();
    let calls = 0;
    await runWithFailover({
      plan: plan('a'),
      registry: reg.value,
      model: 'gpt-5',
      maxRetries: 1,
      sleep: recorder().sleep,
      random: () => 0,
      translate: error => translateError(error),
      attempt: async () => {
        calls++;
        if (calls === 1) throw throttle();
        return 'ok';
      },
    });
    expect(reg.reports).toEqual([['a', 500]]);
  });

  it('uses full-jitter exponential backoff without retry-after and stops at maxRetries', async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    await expect(
      runWithFailover({
        plan: plan('a'),
        registry: registry().value,
        model: 'gpt-5',
        maxRetries: 2,
        sleep,
        random: () => 0.5,
        translate: error => translateError(error),
        attempt: async () => {
          calls++;
          throw unavailable();
        },
      }),
    ).rejects.toSatisfy(ServiceUnavailableError.isInstance);
    expect(calls).toBe(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it('never retries a non-retryable error', async () => {
    let calls = 0;
    await expect(
      runWithFailover({
        plan: plan('a', 'b'),
        registry: registry().value,
        model: 'gpt-5',
        maxRetries: 3,
        sleep: recorder().sleep,
        translate: error => translateError(error),
        attempt: async () => {
          calls++;
          throw new InvalidRequestError({ message: 'bad', status: 400 });
        },
      }),
    ).rejects.toSatisfy(InvalidRequestError.isInstance);
    expect(calls).toBe(1);
  });

  it('fails over to the next deployment after the budget and at once for long retry-after', async () => {
    const seen: string[] = [];
    const failovers: string[] = [];
    const { sleeps, sleep } = recorder();
    const result = await runWithFailover({
      plan: plan('a', 'b'),
      registry: registry(10_000).value,
      model: 'gpt-5',
      maxRetries: 3,
      sleep,
      translate: error => translateError(error),
      onFailover: notice => failovers.push(`${notice.from.deployment}->${notice.to.deployment}`),
      attempt: async (target: FailoverTarget) => {
        seen.push(target.deployment);
        if (target.deployment === 'a') throw throttle(60_000);
        return target.deployment;
      },
    });
    expect(result).toBe('b');
    expect(seen).toEqual(['a', 'b']);
    expect(sleeps).toEqual([]);
    expect(failovers).toEqual(['a->b']);
  });

  it('throws one RateLimitError with the soonest retry-after when all deployments are throttled', async () => {
    const reg = registry(10_000);
    const error = await runWithFailover({
      plan: plan('a', 'b'),
      registry: reg.value,
      model: 'gpt-5',
      maxRetries: 0,
      sleep: recorder().sleep,
      translate: e => translateError(e),
      attempt: async (target: FailoverTarget) => {
        throw throttle(target.deployment === 'a' ? 30_000 : 20_000);
      },
    }).catch(e => e);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.retryAfterMs).toBe(20_000);
    expect(error.throttledDeployments).toEqual(['a', 'b']);
    expect(error.message).toContain('all 2 deployments');
  });

  it('does not send when every deployment is cooling down longer than the threshold', async () => {
    const reg = registry(10_000);
    reg.cooldowns.set('a', 40_000);
    let calls = 0;
    const error = await runWithFailover({
      plan: {
        targets: [{ deployment: 'a' }],
        skipped: [{ target: { deployment: 'a' }, availableAt: 40_000 }],
        allCoolingDown: true,
      },
      registry: reg.value,
      model: 'gpt-5',
      maxRetries: 3,
      sleep: recorder().sleep,
      translate: e => translateError(e),
      attempt: async () => {
        calls++;
        return 'x';
      },
    }).catch(e => e);
    expect(calls).toBe(0);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.retryAfterMs).toBe(40_000);
  });

  it('waits out a short cooldown when every deployment is cooling down', async () => {
    const reg = registry(10_000);
    reg.cooldowns.set('a', 700);
    const { sleeps, sleep } = recorder();
    const result = await runWithFailover({
      plan: {
        targets: [{ deployment: 'a' }],
        skipped: [{ target: { deployment: 'a' }, availableAt: 700 }],
        allCoolingDown: true,
      },
      registry: reg.value,
      model: 'gpt-5',
      maxRetries: 3,
      sleep,
      translate: e => translateError(e),
      attempt: async () => 'x',
    });
    expect(result).toBe('x');
    expect(sleeps).toEqual([700]);
  });

  it('stops waiting at once when the signal aborts', async () => {
    const controller = new AbortController();
    let calls = 0;
    const error = await runWithFailover({
      plan: plan('a'),
      registry: registry().value,
      model: 'gpt-5',
      maxRetries: 3,
      signal: controller.signal,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason));
          controller.abort();
        }),
      translate: e => translateError(e),
      attempt: async () => {
        calls++;
        throw unavailable();
      },
    }).catch(e => e);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(calls).toBe(1);
  });
});

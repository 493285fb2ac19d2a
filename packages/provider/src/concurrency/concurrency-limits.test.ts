import { describe, expect, it } from 'vitest';
import { type ConcurrencyWait, createConcurrencyLimits } from './concurrency-limits.js';

const tick = () => new Promise(resolve => setImmediate(resolve));
const A = { deployment: 'a' };
const B = { deployment: 'b' };

describe('createConcurrencyLimits', () => {
  it('is undefined without limits (an unlimited provider pays nothing)', () => {
    expect(
      createConcurrencyLimits({ maxConcurrentRequests: 0, maxConcurrentRequestsPerDeployment: 0 }),
    ).toBeUndefined();
    expect(createConcurrencyLimits({})).toBeUndefined();
  });

  it('limits each deployment separately, reports the wait, and frees the gate when idle', async () => {
    const limits = createConcurrencyLimits({ maxConcurrentRequestsPerDeployment: 1 })!;
    const waits: ConcurrencyWait[] = [];
    const onWait = (wait: ConcurrencyWait) => waits.push(wait);
    const a1 = await limits.acquire(A, { onWait });
    const b1 = await limits.acquire(B, { onWait }); // another deployment: not blocked
    let a2Granted = false;
    const a2 = limits.acquire(A, { onWait }).then(release => {
      a2Granted = true;
      return release;
    });
    await tick();
    expect(a2Granted).toBe(false);
    expect(limits.inFlight(A)).toBe(1);
    a1();
    const release = await a2;
    expect(waits).toEqual([
      expect.objectContaining({
        scope: 'deployment',
        deployment: 'a',
        limit: 1,
        queueDepth: 0,
        outcome: 'acquired',
      }),
    ]);
    release();
    b1();
    expect(limits.inFlight(A)).toBe(0);
    expect(limits.inFlight(B)).toBe(0);
  });

  it('takes the deployment slot before the process slot and releases both', async () => {
    const limits = createConcurrencyLimits({
      maxConcurrentRequests: 1,
      maxConcurrentRequestsPerDeployment: 1,
    })!;
    const first = await limits.acquire(A, {});
    expect(limits.inFlight()).toBe(1);
    expect(limits.inFlight(A)).toBe(1);
    const waits: ConcurrencyWait[] = [];
    const second = limits.acquire(B, { onWait: wait => waits.push(wait) });
    await tick();
    // B holds its deployment slot while it waits for the process slot.
    expect(limits.inFlight(B)).toBe(1);
    first();
    first(); // idempotent
    const release = await second;
    expect(waits.map(wait => wait.scope)).toEqual(['process']);
    release();
    expect(limits.inFlight()).toBe(0);
    expect(limits.inFlight(B)).toBe(0);
  });

  it('a cancelled wait for the process slot gives the deployment slot back', async () => {
    const limits = createConcurrencyLimits({
      maxConcurrentRequests: 1,
      maxConcurrentRequestsPerDeployment: 1,
    })!;
    const held = await limits.acquire(A, {});
    const controller = new AbortController();
    const waits: ConcurrencyWait[] = [];
    const cancelled = limits.acquire(B, {
      signal: controller.signal,
      onWait: wait => waits.push(wait),
    });
    await tick();
    controller.abort(new Error('cancelled by caller'));
    await expect(cancelled).rejects.toThrow('cancelled by caller');
    expect(limits.inFlight(B)).toBe(0);
    expect(waits).toEqual([expect.objectContaining({ scope: 'process', outcome: 'cancelled' })]);
    held();
    const next = await limits.acquire(B, {});
    expect(limits.inFlight()).toBe(1);
    next();
    expect(limits.inFlight()).toBe(0);
  });

  it('keys deployments by endpoint too', async () => {
    const limits = createConcurrencyLimits({
      maxConcurrentRequestsPerDeployment: 1,
      azureEndpoint: 'https://main.openai.azure.com',
    })!;
    const main = await limits.acquire(A, {});
    let other = false;
    const elsewhere = limits
      .acquire({ deployment: 'a', endpoint: 'https://eu.openai.azure.com' }, {})
      .then(release => {
        other = true;
        return release;
      });
    await tick();
    expect(other).toBe(true);
    main();
    (await elsewhere)();
  });
});

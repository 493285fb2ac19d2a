import { describe, expect, it } from 'vitest';
import { createMemoryStateStore } from './memory-state-store.js';

function clock(start = 1_000_000) {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

describe('createMemoryStateStore', () => {
  it('grants within the sliding window and says when the oldest use leaves it', async () => {
    const time = clock();
    const store = createMemoryStateStore({ now: time.now });
    const limit = { tokens: 100, requests: 10, windowMs: 1000 };
    expect(await store.reserve('k', { tokens: 60, requests: 1 }, limit)).toMatchObject({
      granted: true,
    });
    time.advance(300);
    expect(await store.reserve('k', { tokens: 30, requests: 1 }, limit)).toMatchObject({
      granted: true,
    });
    expect(await store.reserve('k', { tokens: 30, requests: 1 }, limit)).toEqual({
      granted: false,
      retryAfterMs: 700,
      reason: 'tokens',
    });
    time.advance(700);
    expect(await store.reserve('k', { tokens: 30, requests: 1 }, limit)).toMatchObject({
      granted: true,
    });
  });

  it('settle() moves a reservation later by the delay, never past now', async () => {
    const time = clock();
    const store = createMemoryStateStore({ now: time.now });
    const limit = { requests: 1, windowMs: 1000 };
    const granted = await store.reserve('k', { tokens: 1, requests: 1 }, limit);
    time.advance(400); // the request took 400 ms to be answered
    await store.settle('k', granted.granted ? (granted.id as string) : '', 10_000);
    await store.settle('k', 'unknown', 100);
    expect(await store.reserve('k', { tokens: 1, requests: 1 }, limit)).toMatchObject({
      granted: false,
      retryAfterMs: 1000,
    });
    time.advance(1000);
    expect((await store.reserve('k', { tokens: 1, requests: 1 }, limit)).granted).toBe(true);
  });

  it('limits requests per window', async () => {
    const time = clock();
    const store = createMemoryStateStore({ now: time.now });
    const limit = { requests: 2, windowMs: 1000 };
    await store.reserve('k', { tokens: 1, requests: 1 }, limit);
    time.advance(100);
    await store.reserve('k', { tokens: 1, requests: 1 }, limit);
    expect(await store.reserve('k', { tokens: 1, requests: 1 }, limit)).toMatchObject({
      granted: false,
      retryAfterMs: 900,
      reason: 'requests',
    });
  });

  it('keeps budgets per key', async () => {
    const store = createMemoryStateStore();
    const limit = { tokens: 10, windowMs: 1000 };
    expect((await store.reserve('a', { tokens: 10, requests: 1 }, limit)).granted).toBe(true);
    expect((await store.reserve('b', { tokens: 10, requests: 1 }, limit)).granted).toBe(true);
    expect((await store.reserve('a', { tokens: 1, requests: 1 }, limit)).granted).toBe(false);
  });

  it('refuses a request larger than the whole budget as too-large', async () => {
    const store = createMemoryStateStore();
    expect(
      await store.reserve('k', { tokens: 11, requests: 1 }, { tokens: 10, windowMs: 1000 }),
    ).toMatchObject({ granted: false, reason: 'too-large' });
  });

  it('cooldowns only grow, carry the reason, block reservations and expire', async () => {
    const time = clock();
    const store = createMemoryStateStore({ now: time.now });
    await store.coolDown('k', 500, 'token rate limit');
    await store.coolDown('k', 100, 'shorter');
    expect(await store.cooldown('k')).toEqual({ remainingMs: 500, reason: 'token rate limit' });
    expect(await store.reserve('k', { tokens: 1, requests: 1 }, { windowMs: 1000 })).toEqual({
      granted: false,
      retryAfterMs: 500,
      reason: 'cooldown',
    });
    time.advance(500);
    expect(await store.cooldown('k')).toBeUndefined();
    expect((await store.reserve('k', { tokens: 1, requests: 1 }, { windowMs: 1000 })).granted).toBe(
      true,
    );
  });

  it('forgets quota observations after their maximum age', async () => {
    const time = clock();
    const store = createMemoryStateStore({ now: time.now, observationMaxAgeMs: 1000 });
    await store.observeQuota('k', { remainingTokens: 5, observedAt: time.now() });
    expect(await store.observedQuota('k')).toMatchObject({ remainingTokens: 5 });
    time.advance(1001);
    expect(await store.observedQuota('k')).toBeUndefined();
  });
});

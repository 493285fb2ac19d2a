import { describe, expect, it } from 'vitest';
import { abortableSleep } from './abortable-sleep.js';
import { computeBackoffMs } from './backoff.js';
import { parseRetryAfterMs } from './retry-after.js';

describe('parseRetryAfterMs', () => {
  it('prefers retry-after-ms, then x-ms-retry-after-ms, then retry-after', () => {
    expect(
      parseRetryAfterMs(
        new Headers({ 'retry-after-ms': '250', 'x-ms-retry-after-ms': '900', 'retry-after': '3' }),
      ),
    ).toBe(250);
    expect(
      parseRetryAfterMs(new Headers({ 'x-ms-retry-after-ms': '900', 'retry-after': '3' })),
    ).toBe(900);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '3' }))).toBe(3000);
    expect(parseRetryAfterMs({ 'Retry-After-Ms': '12' })).toBe(12);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(
      parseRetryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }), now),
    ).toBe(5000);
  });

  it('ignores garbage and missing headers', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after-ms': 'soon' }))).toBeUndefined();
    expect(parseRetryAfterMs(new Headers())).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
});

describe('computeBackoffMs', () => {
  it('is full jitter under an exponential cap', () => {
    expect(computeBackoffMs(0, { random: () => 0.999999 })).toBe(500);
    expect(computeBackoffMs(2, { random: () => 0.5 })).toBe(1000);
    expect(computeBackoffMs(10, { random: () => 0.5, maxDelayMs: 8000 })).toBe(4000);
    expect(computeBackoffMs(3, { random: () => 0 })).toBe(0);
  });
});

describe('abortableSleep', () => {
  it('rejects at once when the signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });

  it('rejects when already aborted and resolves otherwise', async () => {
    await expect(abortableSleep(1, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    await expect(abortableSleep(0)).resolves.toBeUndefined();
  });
});

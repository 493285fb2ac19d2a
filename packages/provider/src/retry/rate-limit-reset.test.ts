import { describe, expect, it } from 'vitest';
import { formatRetryAfter, parseResetDuration, retryAfterFromMessage } from './rate-limit-reset.js';
import { parseRetryAfterMs, readRetryAfter } from './retry-after.js';

describe('parseResetDuration', () => {
  it.each([
    ['1s', 1000, false],
    ['6m0s', 360_000, false],
    ['20ms', 20, true],
    ['1h2m3.5s', 3_723_500, true],
    ['55', 55_000, false],
    ['0.5', 500, true],
  ])('%s -> %d ms', (value, ms, inMilliseconds) => {
    expect(parseResetDuration(value)).toEqual({ ms, inMilliseconds });
  });

  it('rejects garbage', () => {
    expect(parseResetDuration('soon')).toBeUndefined();
    expect(parseResetDuration('5x')).toBeUndefined();
    expect(parseResetDuration('')).toBeUndefined();
  });
});

describe('readRetryAfter with rate-limit reset headers', () => {
  it('uses x-ratelimit-reset-* only when no retry-after* header is there', () => {
    const headers = new Headers({ 'retry-after': '2', 'x-ratelimit-reset-tokens': '6m0s' });
    expect(readRetryAfter(headers)).toEqual({
      ms: 2000,
      source: 'retry-after',
      inMilliseconds: false,
    });
    expect(parseRetryAfterMs(new Headers({ 'x-ratelimit-reset-tokens': '6m0s' }))).toBe(360_000);
  });

  it("reads Azure's dashed spelling in plain seconds (x-rate-limit-reset-tokens: 55)", () => {
    expect(readRetryAfter(new Headers({ 'x-rate-limit-reset-tokens': '55' }))).toEqual({
      ms: 55_000,
      source: 'x-rate-limit-reset-tokens',
      inMilliseconds: false,
    });
  });

  it('picks the limit that ran out, else the longer reset', () => {
    const both = {
      'x-ratelimit-reset-requests': '20ms',
      'x-ratelimit-reset-tokens': '1s',
    };
    expect(readRetryAfter(both)?.source).toBe('x-ratelimit-reset-tokens');
    expect(
      readRetryAfter({
        ...both,
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-remaining-tokens': '900',
      }),
    ).toEqual({ ms: 20, source: 'x-ratelimit-reset-requests', inMilliseconds: true });
  });
});

describe('retryAfterFromMessage and formatRetryAfter', () => {
  it('reads the wait stated in a message', () => {
    expect(retryAfterFromMessage('Please try again in 20ms.')?.ms).toBe(20);
    expect(retryAfterFromMessage('Please retry after 86400 seconds.')?.ms).toBe(86_400_000);
    expect(retryAfterFromMessage('no hint')).toBeUndefined();
  });

  it('formats in ms when Azure gave ms or the wait is under a second', () => {
    expect(formatRetryAfter(20, true)).toBe('20 ms');
    expect(formatRetryAfter(1500, true)).toBe('1500 ms');
    expect(formatRetryAfter(1500, false)).toBe('2 s');
    expect(formatRetryAfter(300)).toBe('300 ms');
  });
});

import { describe, expect, it } from 'vitest';
import { isFailoverStatus } from './failover-status.js';

describe('isFailoverStatus', () => {
  it('is true for 429 and every 5xx', () => {
    for (const status of [429, 500, 502, 503, 504, 599])
      expect(isFailoverStatus(status)).toBe(true);
  });

  it('is false for success, client errors and nonsense', () => {
    for (const status of [
      200,
      400,
      401,
      403,
      404,
      408,
      409,
      413,
      428,
      430,
      600,
      429.5,
      Number.NaN,
    ]) {
      expect(isFailoverStatus(status)).toBe(false);
    }
    expect(isFailoverStatus(undefined)).toBe(false);
  });
});

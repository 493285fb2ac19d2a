import { describe, expect, it } from 'vitest';
import { describeWait } from './check-deployment.js';

describe('describeWait', () => {
  it('reports ms when Azure gave ms, seconds for whole-second retry-after', () => {
    expect(describeWait(5, 'retry-after-ms')).toBe('5 ms');
    expect(describeWait(2000, 'retry-after-ms')).toBe('2000 ms');
    expect(describeWait(2000, 'retry-after')).toBe('2 s');
    expect(describeWait(20, 'x-ratelimit-reset-tokens')).toBe('20 ms (x-ratelimit-reset-tokens)');
    expect(describeWait(360_000, 'x-ratelimit-reset-requests')).toBe(
      '360 s (x-ratelimit-reset-requests)',
    );
  });
});

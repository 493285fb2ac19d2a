import { describe, expect, it } from 'vitest';
import { jainIndex, quantile, summarizeRun } from './fleet-metrics.js';

describe('fleet metrics', () => {
  it('computes quantiles and Jain fairness', () => {
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 100], 0.99)).toBe(100);
    expect(jainIndex([4, 4, 4])).toBe(1);
    expect(jainIndex([12, 0, 0])).toBeCloseTo(1 / 3);
  });

  it('counts goodput only inside the measured windows, against the combined quota', () => {
    const call = (ok: boolean, throttled: number) => ({
      start: 0,
      end: 10,
      ok,
      throttled,
      requests: 1 + throttled,
    });
    const result = summarizeRun({
      mode: 'x',
      perWorker: [[call(true, 0), call(true, 1)], [call(false, 2)]],
      accepted: [
        { timestamp: 500, tokens: 1000 }, // first window: not measured
        { timestamp: 1000, tokens: 900 },
        { timestamp: 2500, tokens: 900 },
      ],
      measureFrom: 1000,
      measureTo: 3000,
      windowMs: 1000,
      combinedTokensPerWindow: 1000,
    });
    expect(result.goodput).toBeCloseTo(0.9);
    expect(result.throttledPer1000).toBe(1000);
    expect(result.callsMeeting429).toBeCloseTo(2 / 3);
    expect(result.succeeded).toBe(2);
    expect(result.failed).toBe(1);
  });
});

/**
 * The soak run in its short CI form: every request ends in a correct answer or a typed error,
 * retries stay within max_retries, no tool call is dropped or duplicated, nothing is left open.
 * The long form is `pnpm test:soak` (src/soak.ts).
 */
import { describe, expect, it } from 'vitest';
import { activeResourceCounts, settleResources } from '../src/harness/active-resources.js';
import { formatLoadReport } from '../src/harness/format-load-report.js';
import { runLoad } from '../src/harness/run-load.js';

const REQUESTS = Number(process.env.RELIABILITY_LOAD_REQUESTS ?? 300);

describe('load with injected faults (short soak)', () => {
  it(`${REQUESTS} requests at concurrency 50 with 10% faults: correct answers or typed errors only`, async () => {
    const before = activeResourceCounts();
    const report = await runLoad({ requests: REQUESTS, concurrency: 50, faultRate: 0.1, seed: 20 });
    const leaked = await settleResources(before);
    console.log(formatLoadReport(report, leaked));

    expect(report.violations).toEqual([]);
    expect(report.unhandled).toBe(0);
    expect(leaked).toEqual({});
    const failed = Object.values(report.errors).reduce((sum, count) => sum + count, 0);
    expect(report.ok + failed).toBe(REQUESTS);
    // The faults really happened, and were mostly recovered by retries.
    const injected = Object.values(report.faults).reduce((sum, count) => sum + count, 0);
    expect(injected).toBeGreaterThan(REQUESTS * 0.05);
    expect(report.retryEvents).toBeGreaterThan(0);
    expect(report.ok).toBeGreaterThan(REQUESTS * 0.9);
    expect(report.maxAttemptsPerRequest).toBeLessThanOrEqual((report.maxRetries + 1) * 2);
    expect(report.toolCallsChecked).toBeGreaterThan(0);
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import { checkGoals } from './goals.js';
import type { ThroughputResult } from './measure.js';
import type { BenchResults } from './results.js';

/** A contender whose rounds all ran at `rps` with p50 `p50Ms`. */
function contender(id: string, rps: number, p50Ms: number): ThroughputResult {
  const rounds = 5;
  return {
    id,
    concurrency: 1,
    requests: rounds * 10,
    rps,
    roundRps: Array(rounds).fill(rps),
    roundP50Ms: Array(rounds).fill(p50Ms),
    roundCpuUs: Array(rounds).fill(1000 / rps),
    p50Ms,
    p99Ms: p50Ms * 2,
    meanMs: p50Ms,
    cpuUsPerRequest: 1000 / rps,
  };
}

function results(providerRps: number, providerP50: number): BenchResults {
  const run = {
    concurrency: 1,
    httpRequests: 250,
    calls: 250,
    results: [
      contender('openai-sdk', 1000, 1.0),
      contender('provider', providerRps, providerP50),
      contender('ai-sdk', 600, 1.6),
      contender('langchain', 800, 1.3),
    ],
  };
  return {
    schemaVersion: 1,
    quick: true,
    date: '2026-11-25T00:00:00.000Z',
    durationSeconds: 1,
    machine: {
      cpu: 'test',
      cores: 2,
      memoryGiB: 1,
      node: 'v20',
      platform: 'linux',
      loadAverage: { start: [0, 0, 0], end: [0, 0, 0] },
      libraries: {},
    },
    cases: {
      simple: { scenario: 'simple', wire: [], runs: [run] },
      tools: { scenario: 'tools', wire: [], runs: [{ ...run }] },
    },
    goals: [],
    errors: [],
  } as unknown as BenchResults;
}

describe('checkGoals', () => {
  it('meets "within 5% of the SDK" for the text and the tool turn at 4% slower', () => {
    const goals = checkGoals(results(960, 1.04));
    const within = goals.filter(g => g.goal.includes('within 5%'));
    expect(within.map(g => g.goal)).toEqual([
      'provider.complete within 5% of the openai SDK (throughput and p50), text turn, concurrency 1',
      'provider.complete within 5% of the openai SDK (throughput and p50), tool turn, concurrency 1',
    ]);
    expect(within.every(g => g.pass)).toBe(true);
    expect(within[0]?.detail).toContain('throughput -4.0%, p50 +4.0%');
  });

  it('misses it at 6% lower throughput or 6% higher p50', () => {
    expect(
      checkGoals(results(940, 1.0)).filter(g => g.goal.includes('within 5%') && !g.pass),
    ).toHaveLength(2);
    expect(
      checkGoals(results(1000, 1.06)).filter(g => g.goal.includes('within 5%') && !g.pass),
    ).toHaveLength(2);
  });

  it('checks that the provider is ahead of both peers', () => {
    const ahead = checkGoals(results(1000, 1.0)).filter(g => g.goal.includes('ahead'));
    expect(ahead.every(g => g.pass)).toBe(true);
    expect(ahead[0]?.detail).toBe('ai-sdk +66.7%, langchain +25.0%');
    const behind = checkGoals(results(700, 1.0)).filter(g => g.goal.includes('ahead'));
    expect(behind.every(g => !g.pass)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import {
  balancedCycleLength,
  balancedOrder,
  inProcess,
  median,
  pairedDifference,
  pairedRatio,
  quantile,
  runBatch,
  runRounds,
} from './measure.js';

describe('quantile and median', () => {
  it('use the nearest rank of the sorted values', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([5, 1, 4, 2, 3], 0.99)).toBe(5);
    expect(quantile([5, 1, 4, 2, 3], 0)).toBe(1);
    expect(median([10, 2])).toBe(2);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('paired comparisons', () => {
  it('take the median of per-round ratios, so one disturbed round cannot move the result', () => {
    // Round 3 hit a load spike that slowed the provider alone.
    const provider = [100, 102, 20, 98, 101];
    const sdk = [100, 100, 100, 100, 100];
    expect(pairedRatio(provider, sdk)).toBeCloseTo(1.0, 5);
    // The ratio of totals would say 0.84.
    expect(provider.reduce((a, b) => a + b) / sdk.reduce((a, b) => a + b)).toBeCloseTo(0.842, 3);
    expect(pairedDifference([3, 4, 9], [1, 1, 1])).toBe(3);
  });

  it('ignore rounds missing on one side and zero denominators', () => {
    expect(pairedRatio([2, 4, 6], [1, 0])).toBe(2);
  });
});

describe('runBatch', () => {
  it('makes exactly `total` calls with at most `concurrency` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    let calls = 0;
    const latencies: number[] = [];
    await runBatch(
      async () => {
        calls += 1;
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise(resolve => setTimeout(resolve, 1));
        inFlight -= 1;
      },
      25,
      4,
      latencies,
    );
    expect(calls).toBe(25);
    expect(most).toBe(4);
    expect(latencies).toHaveLength(25);
  });
});

describe('runRounds', () => {
  it('runs the contenders in the balanced order of each round and records every round', async () => {
    const order: string[] = [];
    const contender = (id: string) => ({
      id,
      async call() {
        order.push(id);
      },
    });
    const results = await runRounds(
      [contender('a'), contender('b'), contender('c')].map(inProcess),
      {
        concurrency: 1,
        rounds: 3,
        perRound: 1,
        warmup: 0,
      },
    );
    expect(order).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    expect(order).toEqual([0, 1, 2].flatMap(round => balancedOrder(3, round).map(i => 'abc'[i])));
    for (const r of results) {
      expect(r.requests).toBe(3);
      expect(r.roundRps).toHaveLength(3);
      expect(r.roundCpuUs).toHaveLength(3);
    }
  });
});

describe('balancedOrder', () => {
  for (const n of [2, 3, 4, 5, 6]) {
    it(`${n} contenders: over one cycle, every position and every predecessor equally often`, () => {
      const cycle = balancedCycleLength(n);
      const atPosition = new Map<string, number>();
      const after = new Map<string, number>();
      const bump = (counts: Map<string, number>, key: string) =>
        counts.set(key, (counts.get(key) ?? 0) + 1);
      for (let round = 0; round < cycle; round += 1) {
        const order = balancedOrder(n, round);
        expect([...order].sort()).toEqual(Array.from({ length: n }, (_, i) => i));
        order.forEach((c, position) => {
          bump(atPosition, `${c}@${position}`);
          if (position > 0) bump(after, `${c}<-${order[position - 1]}`);
        });
      }
      for (let c = 0; c < n; c += 1) {
        for (let other = 0; other < n; other += 1) {
          expect(atPosition.get(`${c}@${other}`)).toBe(cycle / n);
          expect(after.get(`${c}<-${other}`)).toBe(other === c ? undefined : cycle / n);
        }
      }
    });
  }

  it('repeats after one cycle', () => {
    expect(balancedOrder(5, 3)).toEqual(balancedOrder(5, 3 + balancedCycleLength(5)));
  });
});

import { describe, expect, it } from 'vitest';
import { createFaultSchedule, INJECTED_FAULT_KINDS } from './fault-schedule.js';
import { formatTable } from './format-table.js';
import { seededRandom } from './seeded-random.js';

describe('seededRandom', () => {
  it('replays the same sequence for the same seed, in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 100 }, () => a());
    expect(values).toEqual(Array.from({ length: 100 }, () => b()));
    expect(values.every(value => value >= 0 && value < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(90);
  });
});

describe('createFaultSchedule', () => {
  it('faults about `rate` of the attempts, every kind, with emulator specs', () => {
    const schedule = createFaultSchedule({
      rate: 0.1,
      random: seededRandom(1),
      retryAfterMs: 20,
      slowMs: 30_000,
    });
    const picks = Array.from({ length: 6000 }, () => schedule.next(false));
    const faulted = picks.filter(pick => pick !== undefined);
    expect(faulted.length).toBeGreaterThan(450);
    expect(faulted.length).toBeLessThan(750);
    expect(new Set(faulted.map(pick => pick?.kind))).toEqual(new Set(INJECTED_FAULT_KINDS));
    const slow = faulted.find(pick => pick?.kind === 'slow-past-timeout');
    expect(slow?.spec).toEqual({ kind: 'latency', ms: 30_000 });
    const limited = faulted.find(pick => pick?.kind === 'rate-limit');
    expect(limited?.spec).toEqual({ kind: 'rate-limit', retryAfterMs: 20 });
  });

  it('rate 0 never faults', () => {
    const schedule = createFaultSchedule({
      rate: 0,
      random: seededRandom(3),
      retryAfterMs: 1,
      slowMs: 1,
    });
    expect(
      Array.from({ length: 100 }, () => schedule.next(true)).every(pick => pick === undefined),
    ).toBe(true);
  });
});

describe('formatTable', () => {
  it('aligns columns under a header rule', () => {
    expect(
      formatTable([
        ['a', 'value'],
        ['long name', 1],
      ]),
    ).toBe(['a         | value', '----------|------', 'long name | 1'].join('\n'));
  });
});

/** Runs `total` calls of `fn` with `concurrency` workers; returns the elapsed milliseconds. */
export async function runBatch(
  fn: () => Promise<unknown>,
  total: number,
  concurrency: number,
  latencies?: number[],
): Promise<number> {
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < total) {
      started += 1;
      const t0 = performance.now();
      await fn();
      latencies?.push(performance.now() - t0);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return performance.now() - start;
}

/** The q-quantile (0..1) of `values` (nearest rank); NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Throughput and latency of one contender at one concurrency. */
export interface ThroughputResult {
  id: string;
  concurrency: number;
  requests: number;
  /** Requests per second over all rounds (total requests / total time). */
  rps: number;
  /** Requests per second of each round (round i of every contender ran close in time). */
  roundRps: number[];
  /** p50 latency of each round. */
  roundP50Ms: number[];
  /** Client CPU per request of each round, microseconds. */
  roundCpuUs: number[];
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Client CPU time (user + system of the process that made the calls) per request, microseconds. */
  cpuUsPerRequest: number;
}

/** Something the round runner can call. */
export interface Callable {
  id: string;
  call(): Promise<unknown>;
}

/** Elapsed time and client CPU of one batch of calls. */
export interface BatchTiming {
  /** Wall-clock milliseconds. */
  ms: number;
  /** CPU time (user + system) of the process that made the calls, microseconds. */
  cpuUs: number;
}

/**
 * Runs batches of one contender's calls, in this process ({@link inProcess}) or in a process of
 * its own (`contender-process.ts`).
 */
export interface BatchRunner {
  id: string;
  /** Runs `total` calls with `concurrency` workers; pushes each call's latency to `latencies`. */
  runBatch(total: number, concurrency: number, latencies?: number[]): Promise<BatchTiming>;
}

/** A {@link BatchRunner} calling `contender` in this process (CPU: this whole process). */
export function inProcess(contender: Callable): BatchRunner {
  return {
    id: contender.id,
    async runBatch(total, concurrency, latencies) {
      const before = process.cpuUsage();
      const ms = await runBatch(() => contender.call(), total, concurrency, latencies);
      const used = process.cpuUsage(before);
      return { ms, cpuUs: used.user + used.system };
    },
  };
}

/**
 * The order of contenders `0..n-1` in round `round`: a Williams design, which balances carryover.
 * Over one cycle ({@link balancedCycleLength} rounds) every contender runs at every position
 * equally often and right after every other contender equally often. A plain rotation would put
 * the same contender before another every round, and hand it that one's garbage-collection debt.
 */
export function balancedOrder(n: number, round: number): number[] {
  const first: number[] = [];
  for (let k = 0; k < n; k += 1) {
    first.push(k % 2 === 0 ? n - k / 2 : (k + 1) / 2);
  }
  const cycle = balancedCycleLength(n);
  const r = ((round % cycle) + cycle) % cycle;
  const order = first.map(v => ((v % n) + r) % n);
  return r >= n ? order.reverse() : order;
}

/** Rounds in one full cycle of {@link balancedOrder}: n for an even number of contenders, 2n for odd. */
export function balancedCycleLength(n: number): number {
  return n % 2 === 0 ? n : 2 * n;
}

/**
 * Warms every contender up, then runs `rounds` rounds; in each round every contender runs
 * `perRound` calls, one contender after the other, in the {@link balancedOrder} of that round, so
 * slow drifts of the machine and the previous contender's leftovers hit every contender alike.
 */
export async function runRounds(
  contenders: readonly BatchRunner[],
  options: { concurrency: number; rounds: number; perRound: number; warmup: number },
  onRound?: (round: number) => void,
): Promise<ThroughputResult[]> {
  const { concurrency, rounds, perRound, warmup } = options;
  for (const c of contenders) await c.runBatch(warmup, concurrency);
  const latencies = new Map<string, number[]>(contenders.map(c => [c.id, []]));
  const elapsed = new Map<string, number[]>(contenders.map(c => [c.id, []]));
  const cpu = new Map<string, number[]>(contenders.map(c => [c.id, []]));
  const roundP50 = new Map<string, number[]>(contenders.map(c => [c.id, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const index of balancedOrder(contenders.length, round)) {
      const c = contenders[index] as BatchRunner;
      const roundLatencies: number[] = [];
      const { ms, cpuUs } = await c.runBatch(perRound, concurrency, roundLatencies);
      cpu.get(c.id)?.push(cpuUs / perRound);
      roundP50.get(c.id)?.push(quantile(roundLatencies, 0.5));
      latencies.get(c.id)?.push(...roundLatencies);
      elapsed.get(c.id)?.push(ms);
    }
    onRound?.(round + 1);
  }
  return contenders.map(c => {
    const lat = latencies.get(c.id) ?? [];
    const times = elapsed.get(c.id) ?? [];
    const totalMs = times.reduce((a, b) => a + b, 0);
    return {
      id: c.id,
      concurrency,
      requests: perRound * rounds,
      rps: (perRound * rounds * 1000) / totalMs,
      roundRps: times.map(ms => (perRound * 1000) / ms),
      roundP50Ms: roundP50.get(c.id) ?? [],
      roundCpuUs: cpu.get(c.id) ?? [],
      p50Ms: quantile(lat, 0.5),
      p99Ms: quantile(lat, 0.99),
      meanMs: lat.reduce((a, b) => a + b, 0) / Math.max(1, lat.length),
      cpuUsPerRequest: (cpu.get(c.id) ?? []).reduce((a, b) => a + b, 0) / rounds,
    };
  });
}

/**
 * Paired comparison for noisy machines: the median over rounds of `a[i] / b[i]` (round i of two
 * contenders ran close in time, so a load spike hits both).
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    if (x !== undefined && y !== undefined && y > 0) ratios.push(x / y);
  }
  return median(ratios);
}

/** Median over rounds of `a[i] - b[i]` (see {@link pairedRatio}). */
export function pairedDifference(a: readonly number[], b: readonly number[]): number {
  const diffs: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    if (x !== undefined && y !== undefined) diffs.push(x - y);
  }
  return median(diffs);
}

import {
  type Contender,
  type ContenderId,
  createBenchProvider,
  createContenders,
} from '../contenders.js';
import type { EmulatorProcess } from '../emulator-process.js';
import { startEmulatorProcess } from '../emulator-process.js';
import { runBatch } from '../measure.js';
import { simpleChatRequest } from '../scenarios.js';

/** One memory sample. */
export interface MemorySample {
  requests: number;
  heapUsedBytes: number;
  rssBytes: number;
}

/** Heap and RSS across many sequential batches of one contender. */
export interface GrowthResult {
  id: ContenderId;
  concurrency: number;
  samples: MemorySample[];
  /** Last minus first sample (after warm-up). */
  heapGrowthBytes: number;
  rssGrowthBytes: number;
  /** Least-squares slope of heapUsed over requests. */
  heapBytesPerRequest: number;
}

/** Memory per in-flight request. */
export interface InFlightResult {
  id: ContenderId;
  inFlight: number;
  heapPerRequestBytes: number;
  rssPerRequestBytes: number;
}

/** Result of case 5. */
export interface MemoryCaseResult {
  gcExposed: boolean;
  growth: GrowthResult[];
  inFlightLatencyMs: number;
  inFlight: InFlightResult[];
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

async function collect(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return;
  for (let i = 0; i < 3; i += 1) {
    gc();
    await sleep(5);
  }
}

async function sample(requests: number): Promise<MemorySample> {
  await collect();
  const m = process.memoryUsage();
  return { requests, heapUsedBytes: m.heapUsed, rssBytes: m.rss };
}

function slope(samples: readonly MemorySample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((a, s) => a + s.requests, 0) / n;
  const my = samples.reduce((a, s) => a + s.heapUsedBytes, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.requests - mx) * (s.heapUsedBytes - my);
    den += (s.requests - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

async function growth(
  c: Contender,
  total: number,
  every: number,
  warmup: number,
  concurrency: number,
): Promise<GrowthResult> {
  await runBatch(() => c.call(), warmup, concurrency);
  const samples: MemorySample[] = [await sample(0)];
  for (let done = 0; done < total; done += every) {
    await runBatch(() => c.call(), every, concurrency);
    samples.push(await sample(done + every));
  }
  const first = samples[0] as MemorySample;
  const last = samples[samples.length - 1] as MemorySample;
  return {
    id: c.id,
    concurrency,
    samples,
    heapGrowthBytes: last.heapUsedBytes - first.heapUsedBytes,
    rssGrowthBytes: last.rssBytes - first.rssBytes,
    heapBytesPerRequest: slope(samples.slice(1)),
  };
}

async function inFlight(
  c: Contender,
  emu: EmulatorProcess,
  count: number,
  log: (line: string) => void,
): Promise<InFlightResult> {
  await Promise.all(Array.from({ length: 50 }, () => c.call())); // warm-up (connections, JIT)
  const base = await sample(0);
  const before = (await emu.stats()).totalRequests;
  const calls = Promise.all(Array.from({ length: count }, () => c.call()));
  const deadline = performance.now() + 30_000;
  for (;;) {
    const seen = (await emu.stats()).totalRequests - before;
    if (seen >= count) break;
    if (performance.now() > deadline) {
      log(`    ${c.id}: only ${seen}/${count} requests reached the emulator`);
      break;
    }
    await sleep(20);
  }
  const held = await sample(count);
  await calls;
  return {
    id: c.id,
    inFlight: count,
    heapPerRequestBytes: (held.heapUsedBytes - base.heapUsedBytes) / count,
    rssPerRequestBytes: (held.rssBytes - base.rssBytes) / count,
  };
}

/** Memory settings. */
export interface MemorySettings {
  total: number;
  every: number;
  warmup: number;
  concurrency: number;
  inFlight: number;
  inFlightLatencyMs: number;
  /** Contenders measured for growth (all five for in-flight). */
  growthIds: readonly ContenderId[];
}

/** Case 5: heap/RSS across `total` requests, and per in-flight request at high concurrency. */
export async function runMemoryCase(
  emu: EmulatorProcess,
  settings: MemorySettings,
  log: (line: string) => void,
): Promise<MemoryCaseResult> {
  const gcExposed = typeof (globalThis as { gc?: unknown }).gc === 'function';
  if (!gcExposed) log('  (global.gc is not exposed: run node with --expose-gc for stable numbers)');
  const growthResults: GrowthResult[] = [];
  {
    const provider = createBenchProvider(emu);
    await provider.complete(simpleChatRequest());
    const body = (await emu.lastBody()) as Record<string, unknown>;
    const contenders = createContenders('simple', emu, provider, body);
    for (const id of settings.growthIds) {
      const c = contenders.find(x => x.id === id);
      if (c === undefined) continue;
      const r = await growth(
        c,
        settings.total,
        settings.every,
        settings.warmup,
        settings.concurrency,
      );
      growthResults.push(r);
      log(
        `  ${id}: ${settings.total} requests, heap ${(r.heapGrowthBytes / 1024).toFixed(0)} KiB, rss ${(r.rssGrowthBytes / 1024).toFixed(0)} KiB, slope ${r.heapBytesPerRequest.toFixed(2)} B/request`,
      );
    }
    await provider.close();
  }
  const slow = await startEmulatorProcess({
    latencyMs: settings.inFlightLatencyMs,
    maxRecordedRequests: 100,
  });
  const inFlightResults: InFlightResult[] = [];
  try {
    const provider = createBenchProvider(slow);
    await provider.complete(simpleChatRequest());
    const body = (await slow.lastBody()) as Record<string, unknown>;
    const contenders = createContenders('simple', slow, provider, body);
    for (const c of contenders) {
      const r = await inFlight(c, slow, settings.inFlight, log);
      inFlightResults.push(r);
      log(
        `  ${c.id}: ${settings.inFlight} in flight, ${(r.heapPerRequestBytes / 1024).toFixed(1)} KiB heap and ${(r.rssPerRequestBytes / 1024).toFixed(1)} KiB RSS per request`,
      );
    }
    await provider.close();
  } finally {
    await slow.close();
  }
  return {
    gcExposed,
    growth: growthResults,
    inFlightLatencyMs: settings.inFlightLatencyMs,
    inFlight: inFlightResults,
  };
}

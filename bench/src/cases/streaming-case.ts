import { type ContenderId, createBenchProvider, createStreamContenders } from '../contenders.js';
import type { EmulatorProcess } from '../emulator-process.js';
import { balancedOrder, quantile } from '../measure.js';
import { streamChatRequest } from '../scenarios.js';

/** Streaming numbers of one contender. */
export interface StreamResult {
  id: ContenderId;
  streams: number;
  ttfdP50Ms: number;
  ttfdP99Ms: number;
  totalP50Ms: number;
  totalP99Ms: number;
  /** p50 time to first delta of each round. */
  roundTtfdP50Ms: number[];
  /** p50 total time of each round. */
  roundTotalP50Ms: number[];
  /** Text characters (bytes for the floor) of the last stream. */
  chars: number;
  /** HTTP requests per stream seen by the emulator. */
  httpRequestsPerStream: number;
  bodyBytes: number;
  path: string;
}

/** Load settings of the streaming case. */
export interface StreamSettings {
  rounds: number;
  perRound: number;
  warmup: number;
}

/** Case 3: time to first text delta and total time of a long streamed answer, concurrency 1. */
export async function runStreamingCase(
  emu: EmulatorProcess,
  settings: StreamSettings,
  log: (line: string) => void,
): Promise<StreamResult[]> {
  const provider = createBenchProvider(emu);
  try {
    for await (const _ of provider.stream(streamChatRequest())) {
      // drain: the emulator records the provider's streaming body
    }
    const body = (await emu.lastBody()) as Record<string, unknown>;
    const contenders = createStreamContenders(emu, provider, body);
    const ttfd = new Map<ContenderId, number[]>(contenders.map(c => [c.id, []]));
    const total = new Map<ContenderId, number[]>(contenders.map(c => [c.id, []]));
    const chars = new Map<ContenderId, number>();
    const roundTtfd = new Map<ContenderId, number[]>(contenders.map(c => [c.id, []]));
    const roundTotal = new Map<ContenderId, number[]>(contenders.map(c => [c.id, []]));
    const wire = new Map<ContenderId, { perStream: number; bytes: number; path: string }>();
    for (const c of contenders) {
      const before = (await emu.stats()).totalRequests;
      const sample = await c.stream();
      const after = (await emu.stats()).totalRequests;
      const last = (await emu.recorded()).at(-1);
      if (sample.ttfdMs < 0) throw new Error(`${c.id}: the stream had no text delta`);
      wire.set(c.id, {
        perStream: after - before,
        bytes: last?.contentLength ?? Number.NaN,
        path: last?.path ?? '',
      });
      log(
        `  ${c.id.padEnd(11)} POST ${last?.path} body ${last?.contentLength} B, ${sample.chars} chars, ${after - before} HTTP/stream`,
      );
      for (let i = 0; i < settings.warmup; i += 1) await c.stream();
    }
    for (let round = 0; round < settings.rounds; round += 1) {
      for (const index of balancedOrder(contenders.length, round)) {
        const c = contenders[index];
        if (c === undefined) continue;
        const t: number[] = [];
        const all: number[] = [];
        for (let n = 0; n < settings.perRound; n += 1) {
          const sample = await c.stream();
          t.push(sample.ttfdMs);
          all.push(sample.totalMs);
          chars.set(c.id, sample.chars);
        }
        ttfd.get(c.id)?.push(...t);
        total.get(c.id)?.push(...all);
        roundTtfd.get(c.id)?.push(quantile(t, 0.5));
        roundTotal.get(c.id)?.push(quantile(all, 0.5));
      }
      log(`  round ${round + 1}/${settings.rounds} done`);
    }
    return contenders.map(c => {
      const t = ttfd.get(c.id) ?? [];
      const all = total.get(c.id) ?? [];
      const w = wire.get(c.id);
      return {
        id: c.id,
        streams: t.length,
        ttfdP50Ms: quantile(t, 0.5),
        ttfdP99Ms: quantile(t, 0.99),
        totalP50Ms: quantile(all, 0.5),
        totalP99Ms: quantile(all, 0.99),
        roundTtfdP50Ms: roundTtfd.get(c.id) ?? [],
        roundTotalP50Ms: roundTotal.get(c.id) ?? [],
        chars: chars.get(c.id) ?? 0,
        httpRequestsPerStream: w?.perStream ?? Number.NaN,
        bodyBytes: w?.bytes ?? Number.NaN,
        path: w?.path ?? '',
      };
    });
  } finally {
    await provider.close();
  }
}

import type { Answer } from '../answer.js';
import { sameAnswer } from '../answer.js';
import {
  type ContenderProcess,
  type ContenderVariantRunner,
  startContenderProcesses,
} from '../contender-process.js';
import {
  CONTENDER_IDS,
  type ContenderId,
  createBenchProvider,
  recordCannedAnswer,
  type Scenario,
} from '../contenders.js';
import type { EmulatorProcess } from '../emulator-process.js';
import { runRounds, type ThroughputResult } from '../measure.js';
import { simpleChatRequest, toolChatRequest } from '../scenarios.js';

/** What one contender's verification request looked like on the wire. */
export interface WireCheck {
  id: ContenderId;
  method: string;
  path: string;
  query: Record<string, string>;
  surface: string;
  status: number;
  auth: string;
  bodyBytes: number;
  /** HTTP requests the emulator received for one call (must be 1). */
  httpRequestsPerCall: number;
  answer: Answer;
  /** Whether the answer equals the floor's. */
  sameAnswerAsFloor: boolean;
}

/** Load settings of a throughput case. */
export interface ThroughputSettings {
  rounds: number;
  concurrency: Array<{ concurrency: number; perRound: number; warmup: number }>;
  /** The run with a canned `fetch` (library CPU only, no socket), concurrency 1. */
  overhead: { rounds: number; perRound: number; warmup: number };
}

/** Result of case 1 or 2. */
export interface ThroughputCaseResult {
  scenario: Scenario;
  wire: WireCheck[];
  /** Per concurrency: every contender's numbers. */
  runs: Array<{
    concurrency: number;
    results: ThroughputResult[];
    /** HTTP requests the emulator saw during the timed rounds and warm-up vs calls made. */
    httpRequests: number;
    calls: number;
  }>;
  /**
   * Every library against the same canned `fetch` (the emulator's recorded answer, no socket):
   * what each costs per call in its own process, without network or emulator noise.
   */
  overhead?: { results: ThroughputResult[]; sameAnswers: boolean } | undefined;
}

/** Calls each contender once and records what reached the emulator. */
export async function verifyContenders(
  contenders: readonly ContenderVariantRunner[],
  emu: EmulatorProcess,
): Promise<WireCheck[]> {
  const checks: WireCheck[] = [];
  let floor: Answer | undefined;
  for (const c of contenders) {
    const before = (await emu.stats()).totalRequests;
    const answer = await c.answer();
    const after = (await emu.stats()).totalRequests;
    const recorded = await emu.recorded();
    const last = recorded[recorded.length - 1];
    if (last === undefined) throw new Error(`${c.id}: the emulator recorded no request`);
    floor ??= answer;
    checks.push({
      id: c.id,
      method: last.method,
      path: last.path,
      query: last.query,
      surface: last.surface,
      status: last.status,
      auth: last.auth,
      bodyBytes: last.contentLength,
      httpRequestsPerCall: after - before,
      answer,
      sameAnswerAsFloor: sameAnswer(answer, floor),
    });
  }
  return checks;
}

/** Closes every contender process, whatever happens to the others. */
async function closeAll(contenders: readonly ContenderProcess[]): Promise<void> {
  await Promise.allSettled(contenders.map(c => c.close()));
}

/**
 * Runs case 1 (`simple`) or case 2 (`tools`). Every contender runs in a process of its own, so
 * no library's JIT state or garbage touches another's numbers; the same processes then run the
 * canned-`fetch` rounds.
 */
export async function runThroughputCase(
  scenario: Scenario,
  emu: EmulatorProcess,
  settings: ThroughputSettings,
  log: (line: string) => void,
): Promise<ThroughputCaseResult> {
  const provider = createBenchProvider(emu);
  try {
    await provider.complete(scenario === 'simple' ? simpleChatRequest() : toolChatRequest());
  } finally {
    await provider.close();
  }
  const providerBody = (await emu.lastBody()) as Record<string, unknown>;
  const { endpoint } = emu;
  const canned = await recordCannedAnswer(endpoint, providerBody);
  const processes = await startContenderProcesses(CONTENDER_IDS, {
    scenario,
    endpoint,
    providerBody,
    canned,
  });
  try {
    const contenders = processes.map(p => p.variant('network'));
    const wire = await verifyContenders(contenders, emu);
    for (const w of wire) {
      log(
        `  ${w.id.padEnd(11)} ${w.method} ${w.path}${Object.keys(w.query).length > 0 ? `?${new URLSearchParams(w.query)}` : ''} -> ${w.status}, body ${w.bodyBytes} B, ${w.httpRequestsPerCall} HTTP/call, answer ${w.sameAnswerAsFloor ? 'same' : 'DIFFERENT'}`,
      );
    }
    const runs: ThroughputCaseResult['runs'] = [];
    for (const level of settings.concurrency) {
      const before = (await emu.stats()).totalRequests;
      const results = await runRounds(contenders, { ...level, rounds: settings.rounds }, round =>
        log(`  c=${level.concurrency}: round ${round}/${settings.rounds} done`),
      );
      const after = (await emu.stats()).totalRequests;
      runs.push({
        concurrency: level.concurrency,
        results,
        httpRequests: after - before,
        calls: contenders.length * (level.warmup + level.perRound * settings.rounds),
      });
    }
    const overhead = await runOverhead(processes, settings, log);
    return { scenario, wire, runs, overhead };
  } finally {
    await closeAll(processes);
  }
}

async function runOverhead(
  processes: readonly ContenderProcess[],
  settings: ThroughputSettings,
  log: (line: string) => void,
): Promise<ThroughputCaseResult['overhead']> {
  const contenders = processes.map(p => p.variant('canned'));
  let floor: Answer | undefined;
  let same = true;
  for (const c of contenders) {
    const answer = await c.answer();
    floor ??= answer;
    same &&= sameAnswer(answer, floor);
  }
  const results = await runRounds(contenders, { ...settings.overhead, concurrency: 1 }, round =>
    log(`  canned fetch: round ${round}/${settings.overhead.rounds} done`),
  );
  return { results, sameAnswers: same };
}

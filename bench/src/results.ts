import type { BridgeOverheadCaseResult } from './cases/bridge-overhead-case.js';
import type { MemoryCaseResult } from './cases/memory-case.js';
import type { SizeResult, StartupResult } from './cases/startup-case.js';
import type { StreamResult } from './cases/streaming-case.js';
import type { ThroughputCaseResult } from './cases/throughput-case.js';
import type { TokenCaseResult } from './cases/token-case.js';

/** The machine a run was taken on. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1/5/15-minute load averages when the run started and ended (other work on the machine). */
  loadAverage: { start: number[]; end: number[] };
  /** Versions of the measured libraries. */
  libraries: Record<string, string>;
}

/** One goal of issue 8 and whether this run shows it. */
export interface GoalCheck {
  goal: string;
  pass: boolean;
  detail: string;
}

/** Everything one `pnpm bench` run measured (`bench/results/latest.json`). */
export interface BenchResults {
  schemaVersion: 1;
  quick: boolean;
  date: string;
  durationSeconds: number;
  machine: MachineInfo;
  cases: {
    simple?: ThroughputCaseResult | undefined;
    tools?: ThroughputCaseResult | undefined;
    streaming?: StreamResult[] | undefined;
    tokens?: TokenCaseResult | undefined;
    memory?: MemoryCaseResult | undefined;
    startup?: StartupResult[] | undefined;
    sizes?: SizeResult[] | undefined;
    /** Case 7: what the Python bridge adds per call. */
    bridge?: BridgeOverheadCaseResult | undefined;
  };
  goals: GoalCheck[];
  errors: Array<{ case: string; message: string }>;
}

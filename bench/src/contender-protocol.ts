/** IPC messages between the benchmark and a contender running in a process of its own. */
import type { Answer } from './answer.js';
import type { ContenderId, Scenario } from './contenders.js';
import type { EmulatorEndpoint } from './emulator-protocol.js';

/** What a contender process needs to build its one contender (JSON, passed in argv). */
export interface ContenderSetup {
  id: ContenderId;
  scenario: Scenario;
  endpoint: EmulatorEndpoint;
  /** The provider's request body, which the fetch floor and the raw SDK send as is. */
  providerBody: Record<string, unknown>;
  /**
   * Also build a second copy of the contender (variant `canned`) whose calls get this recorded
   * answer at once through a canned `fetch` (no socket).
   */
  canned?: { status: number; body: string } | undefined;
}

/** Which copy of the contender a request is for: over loopback, or against the canned `fetch`. */
export type ContenderVariant = 'network' | 'canned';

/** A command sent to a contender process. */
export type ContenderRequest =
  | { id: number; cmd: 'answer'; variant: ContenderVariant }
  | {
      id: number;
      cmd: 'batch';
      variant: ContenderVariant;
      total: number;
      concurrency: number;
      latencies: boolean;
    }
  | { id: number; cmd: 'close' };

/** A reply from a contender process (`id` 0 is the ready message). */
export interface ContenderReply {
  id: number;
  /** A failed call's message, or why the process could not start (the benchmark stops). */
  error?: string | undefined;
  answer?: Answer | undefined;
  ms?: number | undefined;
  cpuUs?: number | undefined;
  latencies?: number[] | undefined;
}

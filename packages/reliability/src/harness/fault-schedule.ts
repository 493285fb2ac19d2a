import type { FaultSpec } from '@amplifier-azure-openai/emulator';

/** The faults a load run injects (one per faulted attempt), as the issue lists them. */
export type InjectedFaultKind =
  | 'rate-limit'
  | 'server-error-500'
  | 'server-error-503'
  | 'drop-connection'
  | 'drop-mid-stream'
  | 'slow-past-timeout';

/** Every injected fault kind, in the order tables print them. */
export const INJECTED_FAULT_KINDS: readonly InjectedFaultKind[] = [
  'rate-limit',
  'server-error-500',
  'server-error-503',
  'drop-connection',
  'drop-mid-stream',
  'slow-past-timeout',
];

/** Options of {@link createFaultSchedule}. */
export interface FaultScheduleOptions {
  /** Share of attempts that get a fault, 0..1 (e.g. 0.1). */
  rate: number;
  /** Random source in [0, 1) (seeded for replay). */
  random: () => number;
  /** The `retry-after-ms` a rate-limit fault asks for. */
  retryAfterMs: number;
  /** Latency of a slow response, in ms: must be past the client timeout. */
  slowMs: number;
}

/** Decides, per HTTP attempt, whether and how to fault it. */
export interface FaultSchedule {
  /** `undefined` (no fault) or the fault to inject, with its emulator spec. */
  next(stream: boolean): { kind: InjectedFaultKind; spec: FaultSpec } | undefined;
}

/**
 * A fault schedule: with probability `rate` an attempt gets one fault, chosen uniformly from
 * {@link INJECTED_FAULT_KINDS}. A mid-stream drop on a non-streamed attempt is what the emulator
 * makes of it: a dropped connection.
 */
export function createFaultSchedule(options: FaultScheduleOptions): FaultSchedule {
  const { random } = options;
  return {
    next() {
      if (random() >= options.rate) return undefined;
      const kind =
        INJECTED_FAULT_KINDS[Math.floor(random() * INJECTED_FAULT_KINDS.length)] ?? 'rate-limit';
      switch (kind) {
        case 'rate-limit':
          return { kind, spec: { kind: 'rate-limit', retryAfterMs: options.retryAfterMs } };
        case 'server-error-500':
          return { kind, spec: { kind: 'server-error', status: 500 } };
        case 'server-error-503':
          return { kind, spec: { kind: 'server-error', status: 503 } };
        case 'drop-connection':
          return { kind, spec: { kind: 'drop-connection' } };
        case 'drop-mid-stream':
          return { kind, spec: { kind: 'drop-mid-stream', afterEvents: 3 } };
        default:
          return { kind, spec: { kind: 'latency', ms: options.slowMs } };
      }
    },
  };
}

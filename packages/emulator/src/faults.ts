import { EmulatorError } from './emulator-error.js';
import type { FaultKind, FaultSpec } from './types.js';

/** Every fault kind the emulator knows. */
export const FAULT_KINDS: readonly FaultKind[] = [
  'rate-limit',
  'server-error',
  'content-filter',
  'context-length-exceeded',
  'incomplete',
  'latency',
  'drop-connection',
  'drop-mid-stream',
  'stream-error',
  'malformed-tool-arguments',
  'token-endpoint-error',
  'revoke-token',
];

const KIND_SET: ReadonlySet<string> = new Set(FAULT_KINDS);

/** Fault kinds that replace the answer with an error or a dropped connection. */
export const TERMINAL_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>([
  'rate-limit',
  'server-error',
  'content-filter',
  'context-length-exceeded',
  'drop-connection',
]);

function fail(field: string, message: string, fix: string): never {
  throw new EmulatorError({ message, field, fix });
}

function optionalNumber(
  spec: Record<string, unknown>,
  key: string,
  field: string,
  min: number,
): void {
  const value = spec[key];
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    fail(
      `${field}.${key}`,
      `${field}.${key} must be a number >= ${min}, got ${JSON.stringify(value)}.`,
      `Pass a number >= ${min} or leave ${key} out.`,
    );
  }
}

/** Checks a fault spec (from options, `addFault` or the `x-emulator-fault` header); throws `EmulatorError`. */
export function parseFaultSpec(value: unknown, field = 'fault'): FaultSpec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(
      field,
      `${field} must be an object like {"kind":"rate-limit"}.`,
      `Pass one of the kinds: ${FAULT_KINDS.join(', ')}.`,
    );
  }
  const spec = value as Record<string, unknown>;
  if (typeof spec.kind !== 'string' || !KIND_SET.has(spec.kind)) {
    fail(
      `${field}.kind`,
      `${field}.kind ${JSON.stringify(spec.kind)} is not a known fault kind.`,
      `Use one of: ${FAULT_KINDS.join(', ')}.`,
    );
  }
  if (spec.times !== undefined && spec.times !== 'always') {
    if (typeof spec.times !== 'number' || !Number.isInteger(spec.times) || spec.times < 1) {
      fail(
        `${field}.times`,
        `${field}.times must be a positive integer or "always", got ${JSON.stringify(spec.times)}.`,
        'Pass e.g. times: 2, or times: "always".',
      );
    }
  }
  if (spec.deployment !== undefined && typeof spec.deployment !== 'string') {
    fail(
      `${field}.deployment`,
      `${field}.deployment must be a deployment name (string).`,
      'Pass the deployment name the request sends as `model`.',
    );
  }
  switch (spec.kind) {
    case 'rate-limit':
      optionalNumber(spec, 'retryAfterMs', field, 0);
      for (const key of ['resetRequests', 'resetTokens']) {
        if (spec[key] !== undefined && typeof spec[key] !== 'string') {
          fail(
            `${field}.${key}`,
            `${field}.${key} must be a header value (string) like "1s", "20ms" or "55".`,
            `Pass a string or leave ${key} out.`,
          );
        }
      }
      break;
    case 'server-error':
      if (spec.status !== undefined && ![500, 502, 503, 504].includes(spec.status as number)) {
        fail(
          `${field}.status`,
          `${field}.status must be 500, 502, 503 or 504.`,
          'Pass one of 500, 502, 503, 504.',
        );
      }
      break;
    case 'token-endpoint-error':
      optionalNumber(spec, 'status', field, 400);
      break;
    case 'latency':
      if (typeof spec.ms !== 'number' || !Number.isFinite(spec.ms) || spec.ms < 0) {
        fail(
          `${field}.ms`,
          `${field}.ms must be a number of milliseconds >= 0.`,
          'Pass e.g. {"kind":"latency","ms":50}.',
        );
      }
      break;
    case 'drop-mid-stream':
      optionalNumber(spec, 'afterEvents', field, 0);
      break;
    case 'stream-error':
      optionalNumber(spec, 'afterEvents', field, 0);
      if (
        spec.event !== undefined &&
        !['error', 'flat-error', 'response.failed', 'both'].includes(spec.event as string)
      ) {
        fail(
          `${field}.event`,
          `${field}.event must be "error", "flat-error", "response.failed" or "both".`,
          'Pass one of those or leave event out.',
        );
      }
      for (const key of ['code', 'message']) {
        if (spec[key] !== undefined && typeof spec[key] !== 'string') {
          fail(
            `${field}.${key}`,
            `${field}.${key} must be a string.`,
            `Pass a string or leave ${key} out.`,
          );
        }
      }
      break;
    case 'incomplete':
      if (
        spec.reason !== undefined &&
        spec.reason !== 'max_output_tokens' &&
        spec.reason !== 'content_filter'
      ) {
        fail(
          `${field}.reason`,
          `${field}.reason must be "max_output_tokens" or "content_filter".`,
          'Pass one of those reasons or leave it out.',
        );
      }
      break;
    case 'content-filter':
      if (
        spec.category !== undefined &&
        !['hate', 'sexual', 'violence', 'self_harm', 'jailbreak'].includes(spec.category as string)
      ) {
        fail(
          `${field}.category`,
          `${field}.category must be hate, sexual, violence, self_harm or jailbreak.`,
          'Pass one of those categories or leave it out.',
        );
      }
      if (
        spec.severity !== undefined &&
        !['low', 'medium', 'high'].includes(spec.severity as string)
      ) {
        fail(
          `${field}.severity`,
          `${field}.severity must be low, medium or high.`,
          'Pass one of those severities or leave it out.',
        );
      }
      break;
    default:
      break;
  }
  return { ...(spec as unknown as FaultSpec) };
}

interface ArmedFault {
  spec: FaultSpec;
  remaining: number;
}

/** A fault chosen for one request; `consume()` counts it as used. */
export interface SelectedFault {
  spec: FaultSpec;
  consume(): void;
}

/** The armed faults of an emulator, consumed deterministically in arming order. */
export class FaultBook {
  #armed: ArmedFault[] = [];

  /** Arms a fault. */
  add(spec: FaultSpec): void {
    const times = spec.times === 'always' ? Infinity : (spec.times ?? 1);
    this.#armed.push({ spec, remaining: times });
  }

  /** Disarms every fault. */
  clear(): void {
    this.#armed = [];
  }

  /** Copies of the faults still armed. */
  pending(): FaultSpec[] {
    return this.#armed.filter(a => a.remaining > 0).map(a => ({ ...a.spec }));
  }

  /** True when no fault is armed (the fast path). */
  get empty(): boolean {
    return this.#armed.length === 0;
  }

  /**
   * The first armed fault of each kind that matches `deployment` (`undefined` matches only
   * faults without a deployment filter), header faults first.
   */
  select(
    deployment: string | undefined,
    headerFaults: readonly FaultSpec[],
    kinds: ReadonlySet<FaultKind> | undefined,
  ): Map<FaultKind, SelectedFault> {
    const selected = new Map<FaultKind, SelectedFault>();
    const matches = (spec: FaultSpec): boolean =>
      (kinds === undefined || kinds.has(spec.kind)) &&
      !selected.has(spec.kind) &&
      (spec.deployment === undefined || spec.deployment === deployment);
    for (const spec of headerFaults) {
      if (matches(spec)) selected.set(spec.kind, { spec, consume: () => {} });
    }
    for (const armed of this.#armed) {
      if (armed.remaining <= 0 || !matches(armed.spec)) continue;
      selected.set(armed.spec.kind, {
        spec: armed.spec,
        consume: () => {
          armed.remaining -= 1;
          if (armed.remaining <= 0) this.#armed = this.#armed.filter(a => a !== armed);
        },
      });
    }
    return selected;
  }
}

import type { FleetCall } from './fleet-protocol.js';

/** What one run (one mode, one fleet size) measured. */
export interface FleetRunResult {
  mode: string;
  workers: number;
  calls: number;
  succeeded: number;
  failed: number;
  /** Successful tokens in the measured windows as a share of the combined quota (0..1). */
  goodput: number;
  /** HTTP 429 answers per 1,000 calls. */
  throttledPer1000: number;
  /** Share of calls that met at least one 429 (0..1). */
  callsMeeting429: number;
  /** HTTP requests per call. */
  requestsPerCall: number;
  p50Ms: number;
  p99Ms: number;
  /** Jain's fairness index of successful calls per worker (1 = perfectly even). */
  fairness: number;
}

/** Accepted tokens of one emulator record (timestamp in epoch ms). */
export interface AcceptedRequest {
  timestamp: number;
  tokens: number;
}

/** The `q`-quantile (0..1) of `values` (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Jain's fairness index: (sum x)^2 / (n * sum x^2); 1 when every worker got the same. */
export function jainIndex(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  let squares = 0;
  for (const value of values) {
    sum += value;
    squares += value * value;
  }
  return squares === 0 ? 1 : (sum * sum) / (values.length * squares);
}

/**
 * Folds the workers' calls and the emulator's accepted requests into one result. Goodput counts
 * the tokens Azure's limiter counted for successful requests that arrived in
 * `[measureFrom, measureTo)`, over what the quota allows in that time (windows after the first,
 * so the burst an empty window allows at the start does not count).
 */
export function summarizeRun(input: {
  mode: string;
  perWorker: readonly (readonly FleetCall[])[];
  accepted: readonly AcceptedRequest[];
  measureFrom: number;
  measureTo: number;
  windowMs: number;
  combinedTokensPerWindow: number;
}): FleetRunResult {
  const calls = input.perWorker.flat();
  const succeeded = calls.filter(call => call.ok);
  let tokens = 0;
  for (const request of input.accepted) {
    if (request.timestamp >= input.measureFrom && request.timestamp < input.measureTo) {
      tokens += request.tokens;
    }
  }
  const allowed =
    (input.combinedTokensPerWindow * (input.measureTo - input.measureFrom)) / input.windowMs;
  const throttled = calls.reduce((sum, call) => sum + call.throttled, 0);
  const requests = calls.reduce((sum, call) => sum + call.requests, 0);
  const latencies = succeeded.map(call => call.end - call.start);
  return {
    mode: input.mode,
    workers: input.perWorker.length,
    calls: calls.length,
    succeeded: succeeded.length,
    failed: calls.length - succeeded.length,
    goodput: tokens / allowed,
    throttledPer1000: calls.length === 0 ? 0 : (throttled / calls.length) * 1000,
    callsMeeting429:
      calls.length === 0 ? 0 : calls.filter(call => call.throttled > 0).length / calls.length,
    requestsPerCall: calls.length === 0 ? 0 : requests / calls.length,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    fairness: jainIndex(input.perWorker.map(worker => worker.filter(call => call.ok).length)),
  };
}

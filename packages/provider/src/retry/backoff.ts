/** Options of {@link computeBackoffMs}. */
export interface BackoffOptions {
  /** Delay cap of the first retry, in milliseconds. Default `500`. */
  initialDelayMs?: number | undefined;
  /** Upper bound of any delay, in milliseconds. Default `8000`. */
  maxDelayMs?: number | undefined;
  /**
   * Share (0..1) of the delay that is random: the wait is picked in `[(1 - jitter) * d, d]`.
   * Default `1` (full jitter).
   */
  jitter?: number | undefined;
  /** Random number in [0, 1), injectable for tests. Default `Math.random`. */
  random?: (() => number) | undefined;
}

/** Default first-retry delay cap (milliseconds). */
export const DEFAULT_INITIAL_DELAY_MS = 500;
/** Default maximum delay (milliseconds). */
export const DEFAULT_MAX_DELAY_MS = 8000;

/**
 * Exponential backoff with jitter: `d = min(max, initial * 2^attempt)`, then a random wait in
 * `[(1 - jitter) * d, d]` (full jitter, `[0, d]`, by default).
 *
 * @param attempt - 0 for the first retry, 1 for the second, ...
 */
export function computeBackoffMs(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS;
  const max = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const random = options.random ?? Math.random;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 1));
  const cap = Math.min(max, initial * 2 ** Math.max(0, attempt));
  const share = 1 - jitter + jitter * Math.min(1, Math.max(0, random()));
  return Math.round(cap * share);
}

/** Options of {@link computeBackoffMs}. */
export interface BackoffOptions {
  /** Delay cap of the first retry, in milliseconds. Default `500`. */
  initialDelayMs?: number | undefined;
  /** Upper bound of any delay, in milliseconds. Default `8000`. */
  maxDelayMs?: number | undefined;
  /** Random number in [0, 1), injectable for tests. Default `Math.random`. */
  random?: (() => number) | undefined;
}

/** Default first-retry delay cap (milliseconds). */
export const DEFAULT_INITIAL_DELAY_MS = 500;
/** Default maximum delay (milliseconds). */
export const DEFAULT_MAX_DELAY_MS = 8000;

/**
 * Exponential backoff with full jitter: a random wait in `[0, min(max, initial * 2^attempt)]`.
 *
 * @param attempt - 0 for the first retry, 1 for the second, ...
 */
export function computeBackoffMs(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS;
  const max = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const random = options.random ?? Math.random;
  const cap = Math.min(max, initial * 2 ** Math.max(0, attempt));
  return Math.round(cap * Math.min(1, Math.max(0, random())));
}

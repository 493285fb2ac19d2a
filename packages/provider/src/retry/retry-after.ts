import { type RetryAfterHint, readRateLimitReset } from './rate-limit-reset.js';

/** Something with a case-insensitive `get(name)`, like the fetch `Headers` class. */
export interface HeaderReader {
  get(name: string): string | null | undefined;
}

/**
 * How long Azure asked the client to wait, in milliseconds, from the response headers. Precedence:
 * `retry-after-ms`, then `x-ms-retry-after-ms`, then `retry-after` (seconds or an HTTP date), then
 * the rate-limit reset headers (`x-ratelimit-reset-requests` / `x-ratelimit-reset-tokens`, see
 * {@link readRetryAfter}). Returns `undefined` when none is present or parseable; negative waits
 * become `0`.
 *
 * @param headers - the response headers (a `Headers` object or a plain record).
 * @param now - the current time in epoch milliseconds (for HTTP-date values). Default `Date.now()`.
 */
export function parseRetryAfterMs(
  headers: HeaderReader | Record<string, string | undefined> | null | undefined,
  now: number = Date.now(),
): number | undefined {
  return readRetryAfter(headers, now)?.ms;
}

/**
 * Like {@link parseRetryAfterMs}, with the header the wait came from and whether it was given in
 * milliseconds (so a wait can be reported the way Azure stated it).
 */
export function readRetryAfter(
  headers: HeaderReader | Record<string, string | undefined> | null | undefined,
  now: number = Date.now(),
): RetryAfterHint | undefined {
  if (headers === null || headers === undefined) return undefined;
  const read =
    typeof (headers as HeaderReader).get === 'function'
      ? (name: string) => (headers as HeaderReader).get(name) ?? undefined
      : (name: string) => readRecord(headers as Record<string, string | undefined>, name);

  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const milliseconds = parseNumber(read(name));
    if (milliseconds !== undefined) {
      return { ms: Math.max(0, milliseconds), source: name, inMilliseconds: true };
    }
  }

  const retryAfter = read('retry-after');
  if (retryAfter !== undefined) {
    const seconds = parseNumber(retryAfter);
    if (seconds !== undefined) {
      return { ms: Math.max(0, seconds * 1000), source: 'retry-after', inMilliseconds: false };
    }
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) {
      return { ms: Math.max(0, date - now), source: 'retry-after', inMilliseconds: false };
    }
  }
  return readRateLimitReset(read);
}

function readRecord(record: Record<string, string | undefined>, name: string): string | undefined {
  const direct = record[name];
  if (direct !== undefined) return direct;
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() === name) return record[key];
  }
  return undefined;
}

function parseNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || !/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : undefined;
}

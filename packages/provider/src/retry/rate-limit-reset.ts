/** A wait read from a response, with where it came from. */
export interface RetryAfterHint {
  /** The wait in milliseconds (never negative). */
  ms: number;
  /** The header (or `message`) it was read from, e.g. `retry-after-ms`, `x-ratelimit-reset-tokens`. */
  source: string;
  /** Whether the value was given in milliseconds (`retry-after-ms`, `20ms`), not whole seconds. */
  inMilliseconds: boolean;
}

const UNIT_MS: Readonly<Record<string, number>> = {
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 0.000_001,
};
const DURATION_PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;
const DURATION = /^(?:\d+(?:\.\d+)?(?:h|ms|m|s|us|µs|ns))+$/;

/**
 * Parses a rate-limit reset value: a Go-style duration as OpenAI sends it (`1s`, `6m0s`, `20ms`,
 * `1h2m3.5s`) or plain seconds as Azure sends it (`55`, `0.5`). `undefined` when unparseable.
 */
export function parseResetDuration(
  value: string | undefined,
): { ms: number; inMilliseconds: boolean } | undefined {
  if (value === undefined) return undefined;
  const text = value.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) {
    return { ms: Number(text) * 1000, inMilliseconds: text.includes('.') };
  }
  if (!DURATION.test(text)) return undefined;
  let ms = 0;
  let inMilliseconds = false;
  for (const match of text.matchAll(DURATION_PART)) {
    const unit = match[2] as string;
    ms += Number(match[1]) * (UNIT_MS[unit] as number);
    if (unit !== 'h' && unit !== 'm' && unit !== 's') inMilliseconds = true;
    if (unit === 's' && match[1]?.includes('.')) inMilliseconds = true;
  }
  return Number.isFinite(ms) ? { ms: Math.max(0, ms), inMilliseconds } : undefined;
}

/**
 * The wait the rate-limit reset headers give, for a 429 without `retry-after*`: the
 * `x-ratelimit-reset-requests` / `x-ratelimit-reset-tokens` pair (also Azure's dashed
 * `x-rate-limit-reset-*` spelling). When a `x-ratelimit-remaining-*` header says which limit ran
 * out (`0`), that limit's reset is used; otherwise the longer of the two.
 */
export function readRateLimitReset(
  read: (name: string) => string | undefined,
): RetryAfterHint | undefined {
  let best: RetryAfterHint | undefined;
  let exhausted: RetryAfterHint | undefined;
  for (const limit of ['requests', 'tokens']) {
    for (const prefix of ['x-ratelimit', 'x-rate-limit']) {
      const name = `${prefix}-reset-${limit}`;
      const parsed = parseResetDuration(read(name));
      if (parsed === undefined) continue;
      const hint: RetryAfterHint = {
        ms: parsed.ms,
        source: name,
        inMilliseconds: parsed.inMilliseconds,
      };
      const remaining = read(`${prefix}-remaining-${limit}`)?.trim();
      if (remaining === '0' && (exhausted === undefined || hint.ms > exhausted.ms))
        exhausted = hint;
      if (best === undefined || hint.ms > best.ms) best = hint;
      break;
    }
  }
  return exhausted ?? best;
}

const MESSAGE_WAIT =
  /(?:try again|retry after|retry in)\s+(?:in\s+)?(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?)\b/i;

/**
 * The wait an error message states (`Please try again in 1.5s.`, `Please retry after 2 seconds.`),
 * for errors that carry no headers (an `error` event inside a stream).
 */
export function retryAfterFromMessage(message: string | undefined): RetryAfterHint | undefined {
  if (message === undefined) return undefined;
  const match = MESSAGE_WAIT.exec(message);
  if (match === null) return undefined;
  const inMilliseconds = (match[2] as string).toLowerCase().startsWith('m');
  const value = Number(match[1]);
  return {
    ms: inMilliseconds ? value : value * 1000,
    source: 'message',
    inMilliseconds: inMilliseconds || (match[1] as string).includes('.'),
  };
}

/**
 * A wait as a person reads it: milliseconds when Azure gave milliseconds or the wait is under a
 * second (`20 ms`, `1500 ms`), else whole seconds (`55 s`).
 */
export function formatRetryAfter(ms: number, inMilliseconds = false): string {
  if (inMilliseconds || ms < 1000) return `${Math.round(ms)} ms`;
  return `${Math.ceil(ms / 1000)} s`;
}

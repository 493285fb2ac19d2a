import type { ErrorAnswer } from './azure-errors.js';
import { rateLimited } from './azure-errors.js';
import { EmulatorError } from './emulator-error.js';
import type { DeploymentQuota } from './types.js';

/** What the limiter decided for one request: the headers to send, and a 429 when refused. */
export interface QuotaDecision {
  /** `x-ratelimit-*` headers for the answer. */
  headers: Record<string, string>;
  /** Set when the request is over the quota: Azure's 429 (with `retry-after-ms`, `retry-after`). */
  refusal: ErrorAnswer | undefined;
}

interface Entry {
  at: number;
  tokens: number;
}

interface Window {
  tokens: number | undefined;
  requests: number | undefined;
  windowMs: number;
  entries: Entry[];
}

/**
 * Azure's per-deployment rate limiter: a sliding window of tokens (TPM) and requests (RPM) per
 * deployment, shared by every client of one emulator. A request is counted when it arrives, with
 * the tokens Azure estimates for it ({@link estimateRequestTokens}); a refused request counts
 * nothing.
 */
export class QuotaLimiter {
  readonly #windows = new Map<string, Window>();
  readonly #now: () => number;

  /** @param quotas - deployment name -> quota (already validated). */
  constructor(quotas: Readonly<Record<string, DeploymentQuota>>, now: () => number) {
    this.#now = now;
    for (const [name, quota] of Object.entries(quotas)) {
      this.#windows.set(name, {
        tokens: quota.tpm,
        requests: quota.rpm,
        windowMs: quota.windowMs ?? 60_000,
        entries: [],
      });
    }
  }

  /** True when no deployment has a quota (the endpoint skips the limiter). */
  get empty(): boolean {
    return this.#windows.size === 0;
  }

  /** Counts `body` against `deployment`'s quota, or refuses it with a 429. */
  admit(deployment: string, body: Record<string, unknown>, apiVersion: string): QuotaDecision {
    const window = this.#windows.get(deployment);
    if (window === undefined) return { headers: {}, refusal: undefined };
    const at = this.#now();
    const start = at - window.windowMs;
    while (window.entries.length > 0 && (window.entries[0] as Entry).at <= start) {
      window.entries.shift();
    }
    const cost = estimateRequestTokens(body);
    let used = 0;
    for (const entry of window.entries) used += entry.tokens;
    const tokensOver = window.tokens !== undefined && used + cost > window.tokens;
    const requestsOver =
      window.requests !== undefined && window.entries.length + 1 > window.requests;
    if (tokensOver || requestsOver) {
      const retryAfterMs = this.#waitFor(window, used, cost, at);
      const refusal = rateLimited(retryAfterMs, apiVersion, {
        limit: tokensOver ? 'token' : 'call',
      });
      refusal.headers = { ...refusal.headers, ...headersOf(window, used, at) };
      return { headers: {}, refusal };
    }
    window.entries.push({ at, tokens: cost });
    return { headers: headersOf(window, used + cost, at), refusal: undefined };
  }

  /** Milliseconds until enough of the oldest entries have left the window for `cost`. */
  #waitFor(window: Window, used: number, cost: number, at: number): number {
    let freed = 0;
    for (let index = 0; index < window.entries.length; index++) {
      const entry = window.entries[index] as Entry;
      freed += entry.tokens;
      const tokensFit = window.tokens === undefined || used - freed + cost <= window.tokens;
      const requestsFit =
        window.requests === undefined || window.entries.length - index - 1 + 1 <= window.requests;
      if (tokensFit && requestsFit) return Math.max(1, entry.at + window.windowMs - at);
    }
    return window.windowMs;
  }
}

function headersOf(window: Window, usedTokens: number, at: number): Record<string, string> {
  const headers: Record<string, string> = {};
  const oldest = window.entries[0];
  const resetMs = oldest === undefined ? 0 : Math.max(0, oldest.at + window.windowMs - at);
  const reset = `${(resetMs / 1000).toFixed(3)}s`;
  if (window.tokens !== undefined) {
    headers['x-ratelimit-limit-tokens'] = String(window.tokens);
    headers['x-ratelimit-remaining-tokens'] = String(Math.max(0, window.tokens - usedTokens));
    headers['x-ratelimit-reset-tokens'] = reset;
  }
  if (window.requests !== undefined) {
    headers['x-ratelimit-limit-requests'] = String(window.requests);
    headers['x-ratelimit-remaining-requests'] = String(
      Math.max(0, window.requests - window.entries.length),
    );
    headers['x-ratelimit-reset-requests'] = reset;
  }
  return headers;
}

/** `max_output_tokens` Azure assumes when a request names none. */
export const DEFAULT_ESTIMATED_OUTPUT_TOKENS = 4096;

/**
 * The tokens Azure's limiter counts for a request when it arrives: `ceil(text characters / 4)`
 * of the instructions and every input item's text (`content` strings and parts' `text`, tool
 * `output`), plus `max_output_tokens` (default 4096). The same rule as the provider's estimate.
 */
export function estimateRequestTokens(body: Record<string, unknown>): number {
  let characters = typeof body.instructions === 'string' ? body.instructions.length : 0;
  const input = body.input;
  if (typeof input === 'string') characters += input.length;
  else if (Array.isArray(input)) {
    for (const item of input) {
      if (typeof item !== 'object' || item === null) continue;
      const record = item as Record<string, unknown>;
      if (typeof record.output === 'string') characters += record.output.length;
      const content = record.content;
      if (typeof content === 'string') characters += content.length;
      else if (Array.isArray(content)) {
        for (const part of content) {
          const text = (part as { text?: unknown } | null)?.text;
          if (typeof text === 'string') characters += text.length;
        }
      }
    }
  }
  const max = body.max_output_tokens;
  const output =
    typeof max === 'number' && Number.isFinite(max) && max > 0
      ? Math.ceil(max)
      : DEFAULT_ESTIMATED_OUTPUT_TOKENS;
  return Math.ceil(characters / 4) + output;
}

/** Checks the `quotas` option (throws `EmulatorError` naming the field). */
export function normalizeQuotas(
  quotas: Readonly<Record<string, DeploymentQuota>> | undefined,
): Record<string, DeploymentQuota> {
  if (quotas === undefined) return {};
  const fix = "Pass e.g. quotas: { 'gpt-5': { tpm: 1000, rpm: 10, windowMs: 10000 } }.";
  if (typeof quotas !== 'object' || quotas === null || Array.isArray(quotas)) {
    throw new EmulatorError({
      message:
        'startEmulator: quotas must be an object of deployment -> { tpm?, rpm?, windowMs? }.',
      field: 'quotas',
      fix,
    });
  }
  const result: Record<string, DeploymentQuota> = {};
  for (const [name, quota] of Object.entries(quotas)) {
    const field = `quotas.${name}`;
    if (typeof quota !== 'object' || quota === null) {
      throw new EmulatorError({
        message: `startEmulator: ${field} must be { tpm?, rpm?, windowMs? }.`,
        field,
        fix,
      });
    }
    for (const key of ['tpm', 'rpm', 'windowMs'] as const) {
      const value = quota[key];
      if (
        value !== undefined &&
        (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
      ) {
        throw new EmulatorError({
          message: `startEmulator: ${field}.${key} must be a number > 0, got ${String(value)}.`,
          field: `${field}.${key}`,
          fix,
        });
      }
    }
    if (quota.tpm === undefined && quota.rpm === undefined) {
      throw new EmulatorError({
        message: `startEmulator: ${field} names neither tpm nor rpm.`,
        field,
        fix,
      });
    }
    result[name] = { ...quota };
  }
  return result;
}

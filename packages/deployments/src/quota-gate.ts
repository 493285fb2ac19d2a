import { DeploymentConfigError, type DeploymentConfigProblem } from './deployment-errors.js';
import type { NormalisedQuota } from './deployment-quotas.js';
import { normalizeDeploymentQuotas } from './deployment-quotas.js';
import {
  type BudgetDecision,
  type BudgetLimit,
  type DeploymentStateStore,
  deploymentStateKey,
  type QuotaObservation,
} from './deployment-state-store.js';
import type { DeploymentTarget } from './deployment-target.js';
import { type Logger, silentLogger } from './logger.js';
import { createMemoryStateStore } from './memory-state-store.js';

/** Options of {@link createQuotaGate}. */
export interface QuotaGateOptions {
  /** Where cooldowns, quota headers and budgets live. Default: a new in-memory store. */
  store?: DeploymentStateStore | undefined;
  /** `deployment_quotas`: deployment name -> `{ tpm?, rpm?, windowSeconds? }`. */
  deploymentQuotas?: Readonly<Record<string, unknown>> | undefined;
  /** `azure_endpoint`: the endpoint of targets that name none (part of every state key). */
  azureEndpoint?: string | undefined;
  /**
   * Added to every budget window: a reservation is made slightly before Azure counts the request,
   * so the gate keeps it a little longer than Azure does. Default: 250.
   */
  windowSafetyMs?: number | undefined;
  /**
   * When an answer arrives, its reservation is moved later by the time the call took, at most
   * this much (the request reached Azure somewhere in between; a long generation must not hold
   * budget). Default: 2000.
   */
  settleCapMs?: number | undefined;
  /** Abortable sleep (tests inject a fake one). */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Clock in milliseconds. Default: `Date.now`. */
  now?: (() => number) | undefined;
  /** Receives debug lines about waits and learned quotas. Default: silent. */
  logger?: Logger | undefined;
}

/** The answer of {@link QuotaGate.admit}. */
export type Admission =
  | {
      ok: true;
      /** The target that had budget (first in the given order that did). */
      target: DeploymentTarget;
      /** How long the gate waited for budget. */
      waitedMs: number;
      /** The reservation to {@link QuotaGate.settle} once the answer has arrived. */
      reservation?: { key: string; id: string; at: number } | undefined;
    }
  | {
      ok: false;
      /** Milliseconds until the soonest target has budget again. */
      retryAfterMs: number;
      /** The soonest target. */
      target: DeploymentTarget;
      /** Why it was refused. */
      reason: 'cooldown' | 'tokens' | 'requests' | 'learned';
    };

/** What {@link QuotaGate.admit} needs to know about one request. */
export interface AdmitOptions {
  /** Estimated tokens (see `estimateResponsesTokens`). */
  tokens: number;
  /** Give up (answer `ok: false`) rather than wait longer than this in total. Default: 0. */
  maxWaitMs?: number | undefined;
  /** Stops waiting (the sleep rejects). */
  signal?: AbortSignal | undefined;
}

/**
 * Quota-aware admission in front of Azure: before a request is sent, take its estimated tokens
 * and one request from the budget of a deployment that has them (configured `deployment_quotas`,
 * or the limit learned from `x-ratelimit-*` headers), skipping deployments cooling down after a
 * 429; wait for the soonest when none has budget, or give up so the caller can fail over. All
 * state is in the {@link DeploymentStateStore}, so with a shared store a fleet shares one budget.
 */
export interface QuotaGate {
  /** The store in use (`kind` says which). */
  readonly store: DeploymentStateStore;
  /**
   * Reserves budget on the first of `targets` (in order) that has it now; when none has, waits
   * for the soonest (at most `maxWaitMs` in total), then tries again. Never throws for a store
   * outage; rejects only when the sleep is aborted.
   */
  admit(targets: readonly DeploymentTarget[], options: AdmitOptions): Promise<Admission>;
  /** Records Azure's `x-ratelimit-*` headers of an answer from `target` (in the background). */
  observe(target: DeploymentTarget, headers: HeadersLike): void;
  /**
   * The answer to an admitted request has arrived: its reservation moves later by the call's
   * duration (at most `settleCapMs`), as Azure counted it somewhere in between. In the
   * background; never throws.
   */
  settle(admission: Admission): void;
  /** Shares a 429 cooldown with every user of the store (in the background). */
  reportThrottled(target: DeploymentTarget, retryAfterMs: number, reason?: string): void;
  /** The configured or learned limit of `target`, or `undefined` when it has none. */
  limitFor(target: DeploymentTarget): BudgetLimit | undefined;
}

/** Response headers: a `Headers` object or a plain record (lower-case names). */
export type HeadersLike =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | string[] | undefined>>;

const DEFAULT_WINDOW_SAFETY_MS = 250;
const DEFAULT_SETTLE_CAP_MS = 2000;
const AZURE_WINDOW_MS = 60_000;

/**
 * Creates a {@link QuotaGate}.
 *
 * @throws DeploymentConfigError when `deploymentQuotas` is malformed (each problem with `key`, `fix`).
 *
 * @example
 * const gate = createQuotaGate({ deploymentQuotas: { 'gpt5-east': { tpm: 30000, rpm: 180 } } });
 * const admission = await gate.admit(plan.targets, { tokens: 1200, maxWaitMs: 10_000 });
 */
export function createQuotaGate(options: QuotaGateOptions = {}): QuotaGate {
  const problems: DeploymentConfigProblem[] = [];
  const quotas = normalizeDeploymentQuotas(options.deploymentQuotas, problems);
  if (problems.length > 0) throw new DeploymentConfigError({ problems });
  const store = options.store ?? createMemoryStateStore({ now: options.now });
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const logger = options.logger ?? silentLogger;
  const safety = options.windowSafetyMs ?? DEFAULT_WINDOW_SAFETY_MS;
  const settleCap = options.settleCapMs ?? DEFAULT_SETTLE_CAP_MS;
  /** Limits learned from `x-ratelimit-limit-*` headers, per state key. */
  const learned = new Map<string, NormalisedQuota>();
  const keyOf = (target: DeploymentTarget) => deploymentStateKey(target, options.azureEndpoint);

  const limitFor = (target: DeploymentTarget): BudgetLimit | undefined => {
    const quota = quotas.get(target.deployment) ?? learned.get(keyOf(target));
    if (quota === undefined) return undefined;
    return { tokens: quota.tokens, requests: quota.requests, windowMs: quota.windowMs + safety };
  };

  /** One non-waiting try on one target. */
  const tryTarget = async (
    target: DeploymentTarget,
    tokens: number,
  ): Promise<BudgetDecision | { granted: false; retryAfterMs: number; reason: 'learned' }> => {
    const key = keyOf(target);
    const limit = limitFor(target) ?? { windowMs: AZURE_WINDOW_MS };
    if (limit.tokens === undefined && limit.requests === undefined) {
      // No budget known: go by the last headers (a deployment that said it has too little left
      // is only used once its reset time has passed).
      const seen = await store.observedQuota(key).catch(() => undefined);
      const wait = learnedWait(seen, tokens, now());
      if (wait > 0) {
        const cooling = await store.cooldown(key).catch(() => undefined);
        return cooling === undefined
          ? { granted: false, retryAfterMs: wait, reason: 'learned' }
          : { granted: false, retryAfterMs: cooling.remainingMs, reason: 'cooldown' };
      }
    }
    const decision = await store.reserve(key, { tokens, requests: 1 }, limit);
    if (!decision.granted && decision.reason === 'too-large') {
      // Larger than the whole budget: it can never fit, so let Azure decide.
      logger.debug(
        `Request of ~${tokens} tokens exceeds the whole budget of ${target.deployment}; sending it anyway.`,
        { deployment: target.deployment, tokens, limit: limit.tokens },
      );
      return { granted: true };
    }
    return decision;
  };

  return Object.freeze({
    store,
    limitFor,

    async admit(
      targets: readonly DeploymentTarget[],
      admitOptions: AdmitOptions,
    ): Promise<Admission> {
      const startedAt = now();
      const tokens = Math.max(0, Math.ceil(admitOptions.tokens));
      const maxWaitMs = admitOptions.maxWaitMs ?? 0;
      for (;;) {
        let soonest: { target: DeploymentTarget; retryAfterMs: number; reason: string } | undefined;
        for (const target of targets) {
          const decision = await tryTarget(target, tokens);
          if (decision.granted) {
            const id = 'id' in decision ? decision.id : undefined;
            return {
              ok: true,
              target,
              waitedMs: now() - startedAt,
              ...(id === undefined ? {} : { reservation: { key: keyOf(target), id, at: now() } }),
            };
          }
          if (soonest === undefined || decision.retryAfterMs < soonest.retryAfterMs) {
            soonest = { target, retryAfterMs: decision.retryAfterMs, reason: decision.reason };
          }
        }
        if (soonest === undefined) {
          throw new RangeError('QuotaGate.admit needs at least one target.');
        }
        const waited = now() - startedAt;
        if (waited + soonest.retryAfterMs > maxWaitMs) {
          return {
            ok: false,
            retryAfterMs: soonest.retryAfterMs,
            target: soonest.target,
            reason: soonest.reason as 'cooldown' | 'tokens' | 'requests' | 'learned',
          };
        }
        logger.debug(
          `No budget left on ${targets.map(target => target.deployment).join(', ')}: waiting ${Math.ceil(soonest.retryAfterMs)} ms for ${soonest.target.deployment} (${soonest.reason}).`,
          { deployment: soonest.target.deployment, waitMs: soonest.retryAfterMs, tokens },
        );
        // A little spread so that processes woken together do not all race for the same budget.
        await sleep(soonest.retryAfterMs + Math.floor(Math.random() * 10), admitOptions.signal);
      }
    },

    observe(target: DeploymentTarget, headers: HeadersLike): void {
      const observation = readQuotaHeaders(headers, now());
      if (observation === undefined) return;
      const key = keyOf(target);
      if (!quotas.has(target.deployment) && observation.limitTokens !== undefined) {
        const previous = learned.get(key);
        if (previous?.tokens !== observation.limitTokens) {
          logger.debug(
            `Learned the quota of ${target.deployment} from its headers: ${observation.limitTokens} tokens, ${observation.limitRequests ?? 'unlimited'} requests per minute.`,
            { deployment: target.deployment },
          );
        }
        learned.set(key, {
          tokens: observation.limitTokens,
          requests: observation.limitRequests,
          windowMs: AZURE_WINDOW_MS,
        });
      }
      store.observeQuota(key, observation).catch(() => {});
    },

    settle(admission: Admission): void {
      if (!admission.ok || admission.reservation === undefined) return;
      const { key, id, at } = admission.reservation;
      const delayMs = Math.min(Math.max(0, now() - at), settleCap);
      store.settle(key, id, delayMs).catch(() => {});
    },

    reportThrottled(target: DeploymentTarget, retryAfterMs: number, reason?: string): void {
      if (!(retryAfterMs > 0) || !Number.isFinite(retryAfterMs)) return;
      store.coolDown(keyOf(target), retryAfterMs, reason).catch(() => {});
    },
  });
}

/** How long a deployment without a known budget should be left alone, from its last headers. */
function learnedWait(seen: QuotaObservation | undefined, tokens: number, at: number): number {
  if (seen === undefined) return 0;
  const tooFewTokens = seen.remainingTokens !== undefined && seen.remainingTokens < tokens;
  const noRequests = seen.remainingRequests !== undefined && seen.remainingRequests < 1;
  if (!tooFewTokens && !noRequests) return 0;
  if (seen.resetTokensMs === undefined) return 0; // no reset time: Azure decides
  return Math.max(0, seen.observedAt + seen.resetTokensMs - at);
}

/**
 * Reads `x-ratelimit-remaining-tokens`, `x-ratelimit-remaining-requests`,
 * `x-ratelimit-limit-tokens`, `x-ratelimit-limit-requests` and `x-ratelimit-reset-tokens`
 * (seconds, `1s`/`250ms` forms accepted). `undefined` when none is present.
 */
export function readQuotaHeaders(
  headers: HeadersLike,
  observedAt: number,
): QuotaObservation | undefined {
  const get = (name: string): string | undefined => {
    if (typeof (headers as { get?: unknown }).get === 'function') {
      return (headers as { get(name: string): string | null }).get(name) ?? undefined;
    }
    const value = (headers as Record<string, string | string[] | undefined>)[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const count = (name: string): number | undefined => {
    const raw = get(name);
    if (raw === undefined || raw.trim() === '') return undefined;
    const value = Number(raw);
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  const observation: QuotaObservation = {
    remainingTokens: count('x-ratelimit-remaining-tokens'),
    remainingRequests: count('x-ratelimit-remaining-requests'),
    limitTokens: count('x-ratelimit-limit-tokens'),
    limitRequests: count('x-ratelimit-limit-requests'),
    resetTokensMs: duration(get('x-ratelimit-reset-tokens')),
    observedAt,
  };
  const any =
    observation.remainingTokens !== undefined ||
    observation.remainingRequests !== undefined ||
    observation.limitTokens !== undefined;
  return any ? observation : undefined;
}

/** `"1.5"` / `"1.5s"` / `"250ms"` -> milliseconds. */
function duration(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(raw);
  if (match === null) return undefined;
  const value = Number(match[1]);
  return match[2] === 'ms' ? value : value * 1000;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Where the deployments layer keeps what it learns about Azure deployments at run time: cooldowns
 * after a 429, the quota headers Azure sent, and the token/request budget used in the current
 * window. One process uses the in-memory store ({@link createMemoryStateStore}); a fleet of
 * processes shares one store (e.g. `@amplifier-azure-openai/state-redis`) so that every process
 * sees every other process's 429s and usage.
 *
 * Keys are opaque strings built by {@link deploymentStateKey} (endpoint + deployment). Every method
 * is asynchronous so that a store may live in another process; none may throw for a store outage
 * (a shared store falls back to local state instead).
 */
export interface DeploymentStateStore {
  /** `memory`, `redis`, ...: for logs and `doctor`. */
  readonly kind: string;
  /**
   * Records that `key` must not be used for `durationMs` (Azure's `retry-after`), with Azure's
   * reason. Never shortens an existing cooldown. Resolves to the resulting cooldown.
   */
  coolDown(key: string, durationMs: number, reason?: string): Promise<CooldownState>;
  /** The cooldown of `key`, or `undefined` when it may be used now. */
  cooldown(key: string): Promise<CooldownState | undefined>;
  /** Remembers the `x-ratelimit-*` headers of an answer from `key`. */
  observeQuota(key: string, observation: QuotaObservation): Promise<void>;
  /** The last quota headers seen for `key` (forgotten after `maxAgeMs`, default one minute). */
  observedQuota(key: string): Promise<QuotaObservation | undefined>;
  /**
   * Atomically takes `use` from the budget of `key` in the sliding window of `limit`, or says how
   * long to wait. Denied while `key` is cooling down. A limit without `tokens` or `requests` only
   * checks the cooldown.
   */
  reserve(key: string, use: BudgetUse, limit: BudgetLimit): Promise<BudgetDecision>;
  /**
   * Moves a granted reservation (`decision.id`) `delayMs` later (never past now): the request
   * reached Azure at most that long after it was reserved, so the store's window does not end
   * before Azure's when a request was slow to leave. Unknown ids are ignored.
   */
  settle(key: string, id: string, delayMs: number): Promise<void>;
  /** Releases connections and timers. Later calls use nothing shared. */
  close(): Promise<void>;
}

/** A deployment that is cooling down. */
export interface CooldownState {
  /** Milliseconds until it may be used again (> 0). */
  remainingMs: number;
  /** Azure's reason (the 429's message or code), when known. */
  reason: string | undefined;
}

/** What Azure's `x-ratelimit-*` headers said about a deployment. */
export interface QuotaObservation {
  /** `x-ratelimit-remaining-tokens`. */
  remainingTokens?: number | undefined;
  /** `x-ratelimit-remaining-requests`. */
  remainingRequests?: number | undefined;
  /** `x-ratelimit-limit-tokens` (the deployment's TPM), when sent. */
  limitTokens?: number | undefined;
  /** `x-ratelimit-limit-requests` (the deployment's RPM), when sent. */
  limitRequests?: number | undefined;
  /** `x-ratelimit-reset-tokens` in milliseconds from `observedAt`, when sent. */
  resetTokensMs?: number | undefined;
  /** When the headers were read (milliseconds, the store's clock for the in-memory store). */
  observedAt: number;
}

/** What one request takes from a budget. */
export interface BudgetUse {
  /** Estimated tokens (prompt estimate plus `max_output_tokens`, as Azure counts them). */
  tokens: number;
  /** Requests: 1. */
  requests: number;
}

/** A budget: at most `tokens` and `requests` in any sliding window of `windowMs`. */
export interface BudgetLimit {
  /** Tokens per window (TPM for a 60 s window); absent = unlimited. */
  tokens?: number | undefined;
  /** Requests per window (RPM for a 60 s window); absent = unlimited. */
  requests?: number | undefined;
  /** Window length in milliseconds (Azure: 60000). */
  windowMs: number;
}

/** The answer of {@link DeploymentStateStore.reserve}. */
export type BudgetDecision =
  | {
      granted: true;
      /** The reservation, for {@link DeploymentStateStore.settle} (absent when no budget applied). */
      id?: string | undefined;
    }
  | {
      granted: false;
      /** Milliseconds until the request would fit (or the cooldown ends). */
      retryAfterMs: number;
      /** Why: cooling down, or the token or request budget is used up. */
      reason: 'cooldown' | 'tokens' | 'requests' | 'too-large';
    };

/**
 * The state key of a deployment: its endpoint (or `defaultEndpoint`) and name. Stores namespace
 * their keys with it, so two resources with a deployment of the same name never share a budget.
 *
 * @example deploymentStateKey({ deployment: 'gpt5' }, 'https://a.openai.azure.com') // 'https://a.openai.azure.com|gpt5'
 */
export function deploymentStateKey(
  target: { deployment: string; endpoint?: string | undefined },
  defaultEndpoint: string | undefined,
): string {
  return `${target.endpoint ?? defaultEndpoint ?? ''}|${target.deployment}`;
}

import type {
  BudgetDecision,
  BudgetLimit,
  BudgetUse,
  CooldownState,
  DeploymentStateStore,
  QuotaObservation,
} from './deployment-state-store.js';

/** Options of {@link createMemoryStateStore}. */
export interface MemoryStateStoreOptions {
  /** Clock in milliseconds (tests inject a fake one). Default: `Date.now`. */
  now?: (() => number) | undefined;
  /** How long observed quota headers are kept. Default: 60000 (Azure's window). */
  observationMaxAgeMs?: number | undefined;
}

interface Usage {
  at: number;
  tokens: number;
  id: string;
}

const DEFAULT_OBSERVATION_MAX_AGE_MS = 60_000;

/**
 * The in-process {@link DeploymentStateStore}: what one process knows. The default of the
 * deployments layer, and the fallback of shared stores while they are unreachable. Synchronous
 * inside; expired entries are dropped as they are read, so nothing grows without bound.
 */
export function createMemoryStateStore(options: MemoryStateStoreOptions = {}): MemoryStateStore {
  const now = options.now ?? Date.now;
  const maxAge = options.observationMaxAgeMs ?? DEFAULT_OBSERVATION_MAX_AGE_MS;
  const cooldowns = new Map<string, { until: number; reason: string | undefined }>();
  const observations = new Map<string, QuotaObservation>();
  const usage = new Map<string, Usage[]>();
  let lastId = 0;

  const cooldownSync = (key: string): CooldownState | undefined => {
    const entry = cooldowns.get(key);
    if (entry === undefined) return undefined;
    const remainingMs = entry.until - now();
    if (remainingMs <= 0) {
      cooldowns.delete(key);
      return undefined;
    }
    return { remainingMs, reason: entry.reason };
  };

  const coolDownSync = (key: string, durationMs: number, reason?: string): CooldownState => {
    const until = now() + Math.max(0, durationMs);
    const existing = cooldowns.get(key);
    if (existing === undefined || existing.until < until) {
      cooldowns.set(key, { until, reason });
    }
    return cooldownSync(key) ?? { remainingMs: 0, reason };
  };

  const reserveSync = (key: string, use: BudgetUse, limit: BudgetLimit): BudgetDecision => {
    const cooling = cooldownSync(key);
    if (cooling !== undefined) {
      return { granted: false, retryAfterMs: cooling.remainingMs, reason: 'cooldown' };
    }
    if (limit.tokens === undefined && limit.requests === undefined) return { granted: true };
    if (limit.tokens !== undefined && use.tokens > limit.tokens) {
      return { granted: false, retryAfterMs: limit.windowMs, reason: 'too-large' };
    }
    const at = now();
    const start = at - limit.windowMs;
    const entries = (usage.get(key) ?? []).filter(entry => entry.at > start);
    let tokens = 0;
    for (const entry of entries) tokens += entry.tokens;
    const decision = decide(entries, tokens, use, limit, at);
    let granted: BudgetDecision = decision;
    if (decision.granted) {
      const id = String(++lastId);
      entries.push({ at, tokens: use.tokens, id });
      granted = { granted: true, id };
    }
    if (entries.length === 0) usage.delete(key);
    else usage.set(key, entries);
    return granted;
  };

  const settleSync = (key: string, id: string, delayMs: number): void => {
    const entries = usage.get(key);
    const entry = entries?.find(candidate => candidate.id === id);
    if (entries === undefined || entry === undefined || !(delayMs > 0)) return;
    entry.at = Math.max(entry.at, Math.min(now(), entry.at + delayMs));
    entries.sort((left, right) => left.at - right.at);
  };

  return {
    kind: 'memory',
    coolDownSync,
    cooldownSync,
    reserveSync,
    coolDown: async (key, durationMs, reason) => coolDownSync(key, durationMs, reason),
    cooldown: async key => cooldownSync(key),
    observeQuota: async (key, observation) => {
      observations.set(key, { ...observation });
    },
    observedQuota: async key => {
      const observation = observations.get(key);
      if (observation === undefined) return undefined;
      if (now() - observation.observedAt > maxAge) {
        observations.delete(key);
        return undefined;
      }
      return { ...observation };
    },
    reserve: async (key, use, limit) => reserveSync(key, use, limit),
    settle: async (key, id, delayMs) => settleSync(key, id, delayMs),
    close: async () => {
      cooldowns.clear();
      observations.clear();
      usage.clear();
    },
  };
}

/** The in-memory store, with synchronous twins of its methods (for fallbacks and tests). */
export interface MemoryStateStore extends DeploymentStateStore {
  /** {@link DeploymentStateStore.coolDown}, synchronously. */
  coolDownSync(key: string, durationMs: number, reason?: string): CooldownState;
  /** {@link DeploymentStateStore.cooldown}, synchronously. */
  cooldownSync(key: string): CooldownState | undefined;
  /** {@link DeploymentStateStore.reserve}, synchronously. */
  reserveSync(key: string, use: BudgetUse, limit: BudgetLimit): BudgetDecision;
}

/**
 * The sliding-window rule shared by every store: grant when the window's tokens and requests plus
 * this use fit the limit; else wait until enough of the oldest entries have left the window.
 */
function decide(
  entries: readonly Usage[],
  tokens: number,
  use: BudgetUse,
  limit: BudgetLimit,
  at: number,
): BudgetDecision {
  const tokensOver = limit.tokens !== undefined && tokens + use.tokens > limit.tokens;
  const requestsOver =
    limit.requests !== undefined && entries.length + use.requests > limit.requests;
  if (!tokensOver && !requestsOver) return { granted: true };
  let freedTokens = 0;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as Usage;
    freedTokens += entry.tokens;
    const tokensFit =
      limit.tokens === undefined || tokens - freedTokens + use.tokens <= limit.tokens;
    const requestsFit =
      limit.requests === undefined || entries.length - index - 1 + use.requests <= limit.requests;
    if (tokensFit && requestsFit) {
      return {
        granted: false,
        retryAfterMs: Math.max(1, entry.at + limit.windowMs - at),
        reason: tokensOver ? 'tokens' : 'requests',
      };
    }
  }
  return {
    granted: false,
    retryAfterMs: limit.windowMs,
    reason: tokensOver ? 'tokens' : 'requests',
  };
}

import { randomUUID } from 'node:crypto';
import {
  type BudgetDecision,
  type BudgetLimit,
  type BudgetUse,
  type CooldownState,
  createMemoryStateStore,
  type DeploymentStateStore,
  type Logger,
  type MemoryStateStore,
  type QuotaObservation,
  silentLogger,
} from '@amplifier-azure-openai/deployments';
import { createClient } from 'redis';
import {
  COOL_DOWN_SCRIPT,
  COOLDOWN_SCRIPT,
  OBSERVE_SCRIPT,
  RESERVE_SCRIPT,
  SETTLE_SCRIPT,
} from './lua-scripts.js';
import { redactUrl } from './redact-url.js';
import { StateRedisError } from './state-redis-error.js';

/** Options of {@link createRedisStateStore}. */
export interface RedisStateStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://...`; a `Secret`-like holder is accepted. */
  url: string | { reveal(): string };
  /** Prefix of every key. Default: `amplifier-azure-openai`. */
  keyPrefix?: string | undefined;
  /** Give up on a command after this long and use local state. Default: 1000 ms. */
  commandTimeoutMs?: number | undefined;
  /** Receives one warning when Redis becomes unavailable and one info when it is back. */
  logger?: Logger | undefined;
  /** Local state used while Redis is unavailable. Default: a new in-memory store. */
  fallback?: MemoryStateStore | undefined;
  /** How long quota observations are kept. Default: 60000 ms. */
  observationTtlMs?: number | undefined;
}

/** A {@link DeploymentStateStore} in Redis that falls back to local state while Redis is down. */
export interface RedisStateStore extends DeploymentStateStore {
  readonly kind: 'redis';
  /** True while commands go to Redis (false while the local fallback is used). */
  readonly shared: boolean;
  /** Resolves once connected (true), or false after `timeoutMs` without a connection. */
  ready(timeoutMs?: number): Promise<boolean>;
}

const DEFAULT_PREFIX = 'amplifier-azure-openai';
const DEFAULT_TIMEOUT_MS = 1000;
const DEFAULT_OBSERVATION_TTL_MS = 60_000;

/**
 * Creates a Redis-backed {@link DeploymentStateStore}: every process pointed at the same Redis
 * shares cooldowns, observed quota headers and sliding-window budgets. Updates are Lua scripts
 * (atomic, server clock); keys are `<prefix>:{<endpoint>|<deployment>}:<what>` and all expire.
 * Never rejects because of Redis: while Redis is unreachable every call is answered from local
 * state (one warning through `logger`), and the client reconnects in the background.
 *
 * @throws StateRedisError when `url` is not a redis:// or rediss:// URL.
 *
 * @example
 * const store = createRedisStateStore({ url: 'redis://localhost:6379' });
 * const gate = createQuotaGate({ store, deploymentQuotas: { gpt5: { tpm: 30000 } } });
 */
export function createRedisStateStore(options: RedisStateStoreOptions): RedisStateStore {
  const url = typeof options.url === 'string' ? options.url : options.url?.reveal?.();
  if (typeof url !== 'string' || !/^rediss?:\/\/[^/]/i.test(url.trim())) {
    throw new StateRedisError({
      message:
        'The shared state URL must be a redis:// or rediss:// URL (not shown: it may hold a password).',
      fix: 'Set shared_state_url (or AZURE_OPENAI_SHARED_STATE_URL) to e.g. redis://localhost:6379.',
      option: 'url',
    });
  }
  const where = redactUrl(url);
  const prefix = options.keyPrefix ?? DEFAULT_PREFIX;
  const timeoutMs = options.commandTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const observationTtl = options.observationTtlMs ?? DEFAULT_OBSERVATION_TTL_MS;
  const logger = options.logger ?? silentLogger;
  const local = options.fallback ?? createMemoryStateStore({ observationMaxAgeMs: observationTtl });
  let closed = false;
  /** `undefined` until the first connection or failure: the first outage is reported too. */
  let up: boolean | undefined;

  const client = createClient({
    url: url.trim(),
    disableOfflineQueue: true,
    socket: {
      connectTimeout: Math.max(timeoutMs, 1000),
      reconnectStrategy: retries => Math.min(50 * 2 ** retries, 2000),
    },
  });
  client.on('error', (error: unknown) => markDown(error));
  client.on('ready', () => {
    if (up === false) {
      logger.info(
        `Shared state at ${where} is available again; cooldowns and budgets are shared.`,
        {
          sharedState: where,
        },
      );
    }
    up = true;
  });
  const connecting = client.connect().catch((error: unknown) => markDown(error));

  function markUp(): void {
    if (up === false && !closed) {
      logger.info(
        `Shared state at ${where} is available again; cooldowns and budgets are shared.`,
        {
          sharedState: where,
        },
      );
    }
    up = true;
  }

  function markDown(error: unknown): void {
    if (closed || up === false) return;
    up = false;
    logger.warn(
      `Shared state at ${where} is unavailable (${describeError(error)}); going on with this process's own cooldowns and budgets until it is back.`,
      { sharedState: where, error: describeError(error) },
    );
  }

  let firstConnection: Promise<void> | undefined;
  function settleFirstConnection(): Promise<void> {
    firstConnection ??= new Promise<void>(resolve => {
      const timer = setTimeout(resolve, timeoutMs);
      void connecting.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return firstConnection;
  }

  const keys = (key: string) => {
    const base = `${prefix}:{${key}}`;
    return { cooldown: `${base}:cooldown`, usage: `${base}:usage`, quota: `${base}:quota` };
  };

  /** Runs `command` on Redis, or `fallback` when Redis is not ready, fails or is slow. */
  async function shared<T>(command: () => Promise<T>, fallback: () => T): Promise<T> {
    // Before the first connection has been made (or has failed), wait for it briefly: a process
    // that starts does not spend its first requests on a budget of its own.
    if (up === undefined && !closed) await settleFirstConnection();
    if (closed || !client.isReady) return fallback();
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        command(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
      if (up === false) markUp(); // back after a slow answer (the connection never dropped)
      return result;
    } catch (error) {
      markDown(error);
      return fallback();
    } finally {
      clearTimeout(timer);
    }
  }

  const evalScript = (script: string, scriptKeys: string[], args: string[]) =>
    client.eval(script, { keys: scriptKeys, arguments: args }) as Promise<unknown>;

  return {
    kind: 'redis',
    get shared() {
      return !closed && client.isReady;
    },

    async ready(waitMs = 5000): Promise<boolean> {
      if (client.isReady) return true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>(resolve => {
        timer = setTimeout(() => resolve(false), waitMs);
      });
      const result = await Promise.race([connecting.then(() => client.isReady), timeout]);
      clearTimeout(timer);
      return result;
    },

    async coolDown(key: string, durationMs: number, reason?: string): Promise<CooldownState> {
      const mirrored = local.coolDownSync(key, durationMs, reason);
      const ms = Math.ceil(durationMs);
      if (!(ms > 0)) return mirrored;
      return shared(
        async () => {
          const reply = (await evalScript(
            COOL_DOWN_SCRIPT,
            [keys(key).cooldown],
            [String(ms), reason ?? ''],
          )) as [number, string];
          return { remainingMs: Number(reply[0]), reason: reply[1] === '' ? undefined : reply[1] };
        },
        () => mirrored,
      );
    },

    cooldown(key: string): Promise<CooldownState | undefined> {
      return shared(
        async () => {
          const reply = (await evalScript(COOLDOWN_SCRIPT, [keys(key).cooldown], [])) as [
            number,
            string,
          ];
          const remainingMs = Number(reply[0]);
          return remainingMs > 0
            ? { remainingMs, reason: reply[1] === '' ? undefined : reply[1] }
            : undefined;
        },
        () => local.cooldownSync(key),
      );
    },

    async observeQuota(key: string, observation: QuotaObservation): Promise<void> {
      await local.observeQuota(key, observation);
      const fields: string[] = [];
      for (const [field, value] of Object.entries(observation)) {
        if (typeof value === 'number' && Number.isFinite(value)) fields.push(field, String(value));
      }
      await shared(
        async () => {
          await evalScript(OBSERVE_SCRIPT, [keys(key).quota], [String(observationTtl), ...fields]);
        },
        () => undefined,
      );
    },

    async observedQuota(key: string): Promise<QuotaObservation | undefined> {
      const fromLocal = await local.observedQuota(key);
      return shared(
        async () => {
          const hash = (await client.hGetAll(keys(key).quota)) as Record<string, string>;
          if (hash.observedAt === undefined) return undefined;
          const observation: QuotaObservation = { observedAt: Number(hash.observedAt) };
          for (const field of [
            'remainingTokens',
            'remainingRequests',
            'limitTokens',
            'limitRequests',
            'resetTokensMs',
          ] as const) {
            if (hash[field] !== undefined) observation[field] = Number(hash[field]);
          }
          return observation;
        },
        () => fromLocal,
      );
    },

    reserve(key: string, use: BudgetUse, limit: BudgetLimit): Promise<BudgetDecision> {
      return shared(
        async () => {
          const reply = (await evalScript(
            RESERVE_SCRIPT,
            [keys(key).cooldown, keys(key).usage],
            [
              String(Math.max(0, Math.ceil(use.tokens))),
              String(limit.tokens === undefined ? -1 : Math.floor(limit.tokens)),
              String(limit.requests === undefined ? -1 : Math.floor(limit.requests)),
              String(Math.ceil(limit.windowMs)),
              randomUUID(),
            ],
          )) as [number, number, string];
          if (Number(reply[0]) === 1) {
            return reply[2] === '' ? { granted: true } : { granted: true, id: `r:${reply[2]}` };
          }
          return {
            granted: false,
            retryAfterMs: Number(reply[1]),
            reason: reply[2] as 'cooldown' | 'tokens' | 'requests' | 'too-large',
          } as const;
        },
        () => local.reserveSync(key, use, limit),
      );
    },

    async settle(key: string, id: string, delayMs: number): Promise<void> {
      // `r:` ids are Redis reservations; others were made locally while Redis was away.
      if (!id.startsWith('r:')) return local.settle(key, id, delayMs);
      if (!(delayMs > 0)) return;
      await shared(
        async () => {
          await evalScript(
            SETTLE_SCRIPT,
            [keys(key).usage],
            [id.slice(2), String(Math.ceil(delayMs))],
          );
        },
        () => undefined,
      );
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      try {
        if (client.isOpen) client.destroy();
      } catch {
        // already closed
      }
      await local.close();
    },
  };
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // node-redis messages name host and port only; never echo anything URL-shaped in full.
  return message.replace(/rediss?:\/\/\S+/gi, url => redactUrl(url)).slice(0, 200);
}

import {
  createMemoryStateStore,
  type DeploymentStateStore,
  type Logger,
} from '@amplifier-azure-openai/deployments';

/** The package that holds the Redis store (loaded only when `shared_state_url` is set). */
export const STATE_REDIS_PACKAGE = '@amplifier-azure-openai/state-redis';
/** What to install when it is missing. */
export const STATE_REDIS_INSTALL = `npm install ${STATE_REDIS_PACKAGE} redis`;

/** The part of `@amplifier-azure-openai/state-redis` the provider uses. */
export interface StateRedisModule {
  createRedisStateStore(options: {
    url: { reveal(): string };
    logger?: Logger;
    fallback?: ReturnType<typeof createMemoryStateStore>;
  }): DeploymentStateStore;
}

/**
 * A {@link DeploymentStateStore} for `shared_state_url`: local state at once, and the Redis store
 * of `@amplifier-azure-openai/state-redis` as soon as it has loaded (imported lazily, so nobody
 * without `shared_state_url` pays for it). When the package (or `redis`) is not installed, warns
 * once with the install command and stays local: a request never fails because of shared state.
 */
export function createSharedStateStore(options: {
  url: { reveal(): string };
  logger: Logger;
  /** Tests inject a failing loader. */
  load?: (() => Promise<StateRedisModule>) | undefined;
}): DeploymentStateStore {
  const local = createMemoryStateStore();
  let closed = false;
  const load =
    options.load ??
    (() => import(/* @vite-ignore */ STATE_REDIS_PACKAGE) as Promise<StateRedisModule>);
  let active: DeploymentStateStore = local;
  const loading = load().then(
    module => {
      const store = module.createRedisStateStore({
        url: options.url,
        logger: options.logger,
        fallback: local,
      });
      if (closed) void store.close();
      else active = store;
    },
    (error: unknown) => {
      options.logger.warn(
        `shared_state_url is set, but ${STATE_REDIS_PACKAGE} could not be loaded (${
          error instanceof Error ? error.message.split('\n')[0] : String(error)
        }); cooldowns and budgets stay per process. Install it with: ${STATE_REDIS_INSTALL}`,
        { package: STATE_REDIS_PACKAGE, install: STATE_REDIS_INSTALL },
      );
    },
  );
  const current = async (): Promise<DeploymentStateStore> => {
    await loading;
    return active;
  };
  return {
    get kind() {
      return active.kind;
    },
    coolDown: async (key, durationMs, reason) =>
      (await current()).coolDown(key, durationMs, reason),
    cooldown: async key => (await current()).cooldown(key),
    observeQuota: async (key, observation) => (await current()).observeQuota(key, observation),
    observedQuota: async key => (await current()).observedQuota(key),
    reserve: async (key, use, limit) => (await current()).reserve(key, use, limit),
    settle: async (key, id, delayMs) => (await current()).settle(key, id, delayMs),
    close: async () => {
      closed = true;
      await loading;
      await active.close();
      await local.close();
    },
  };
}

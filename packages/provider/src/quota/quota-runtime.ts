import type { AzureOpenAIConfig } from '@amplifier-azure-openai/config';
import {
  createMemoryStateStore,
  createQuotaGate,
  type DeploymentResolver,
  type Logger,
  type QuotaGate,
} from '@amplifier-azure-openai/deployments';
import type { FailoverTarget, ThrottleRegistry } from '../retry/run-with-failover.js';
import { createSharedStateStore, type StateRedisModule } from './shared-state-store.js';

/** Quota-aware routing for one provider: the gate, and the resolver's registry made shared. */
export interface QuotaRuntime {
  readonly gate: QuotaGate;
  /** The resolver's cooldown registry, also reporting each 429 to the (shared) store. */
  registry(resolver: DeploymentResolver): ThrottleRegistry;
  close(): Promise<void>;
}

/**
 * Builds the quota runtime, or `undefined` when neither `deployment_quotas` nor `shared_state_url`
 * is set (the provider then behaves exactly as without this feature).
 */
export function createQuotaRuntime(
  config: AzureOpenAIConfig,
  options: {
    logger: Logger;
    sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
    loadStateRedis?: (() => Promise<StateRedisModule>) | undefined;
  },
): QuotaRuntime | undefined {
  const quotas = config.deploymentQuotas ?? {};
  const url = config.sharedStateUrl;
  if (Object.keys(quotas).length === 0 && url === undefined) return undefined;
  const store =
    url === undefined
      ? createMemoryStateStore()
      : createSharedStateStore({ url, logger: options.logger, load: options.loadStateRedis });
  const gate = createQuotaGate({
    store,
    deploymentQuotas: quotas,
    azureEndpoint: config.azureEndpoint,
    sleep: options.sleep,
    logger: options.logger,
  });
  return {
    gate,
    registry: (resolver: DeploymentResolver): ThrottleRegistry => ({
      reportThrottled(target: FailoverTarget, retryAfterMs: number, reason?: string) {
        resolver.reportThrottled(target, retryAfterMs);
        gate.reportThrottled(target, retryAfterMs, reason);
      },
      cooldownRemainingMs: target => resolver.cooldownRemainingMs(target),
      shouldFailoverImmediately: retryAfterMs => resolver.shouldFailoverImmediately(retryAfterMs),
    }),
    close: () => store.close(),
  };
}

import { type ResolvedConfig, resolveConfig } from '@amplifier-azure-openai/config';
import {
  type AzureOpenAIProvider,
  type AzureOpenAIProviderOptions,
  createAzureOpenAIProvider,
} from '@amplifier-azure-openai/provider';
import { MODULE_ID } from './grpc/lifecycle-service.js';
import type { Logger } from './logger.js';
import type { ModuleCoordinator } from './module-coordinator.js';
import { describeNotConfigured, isNotConfigured } from './not-configured.js';
import {
  OBSERVABILITY_EVENTS_CHANNEL,
  PROVIDER_EVENTS,
  PROVIDER_NAME,
  PROVIDERS_MOUNT_POINT,
} from './provider-events.js';
import {
  createSessionCost,
  SESSION_COST_CHANNEL,
  SESSION_COST_CONTRIBUTOR,
} from './session-cost.js';

/** Cleanup returned by {@link mount}: closes the provider (idempotent). */
export type MountCleanup = () => Promise<void>;

/** Extra options of {@link mount} (hosts and tests). */
export interface MountModuleOptions {
  /** Environment read for values missing from `config` (default `process.env`). */
  env?: Record<string, string | undefined> | undefined;
  /**
   * Receives the one "not mounted" warning and configuration warnings (default: `console.warn`
   * for warnings only). When given, it is also passed to the provider.
   */
  logger?: Logger | undefined;
  /** Extra provider options (e.g. `fetch`, `sleep` in tests). `config` and `events` are set by `mount`. */
  provider?: Omit<Partial<AzureOpenAIProviderOptions>, 'config' | 'events'> | undefined;
}

const consoleWarnLogger: Logger = {
  debug() {},
  info() {},
  warn(message) {
    console.warn(message);
  },
  error(message) {
    console.error(message);
  },
};

/**
 * Amplifier module entry point: resolves `config` over the environment, builds the Azure OpenAI
 * provider, mounts it at `providers` under the name `azure-openai`, sends the provider's events to
 * `coordinator.hooks.emit`, declares its events (`llm:stream_*`, `provider:*`; see
 * `PROVIDER_EVENTS`) on the `observability.events` channel and the session's running cost
 * (`{ cost_usd }`, the sum of `Usage.cost_usd`) on `session.cost` (when the coordinator has
 * contribution channels), and returns a cleanup function that closes the provider.
 *
 * Graceful degradation (Amplifier's contract): with no endpoint or no credential configured it
 * mounts nothing, logs one warning naming what to set, and returns `undefined`.
 *
 * @param coordinator - the Amplifier coordinator (see {@link ModuleCoordinator}).
 * @param config - the provider's `config` table from the mount plan / settings (snake_case keys).
 * @throws `ConfigError` from `@amplifier-azure-openai/config` when the configuration is invalid
 * (every problem listed, each with a fix).
 * @example
 * ```ts
 * const cleanup = await mount(coordinator, { azure_endpoint: 'https://my-resource.openai.azure.com' });
 * // ... later
 * await cleanup?.();
 * ```
 */
export async function mount(
  coordinator: ModuleCoordinator,
  config?: Record<string, unknown> | undefined,
  options: MountModuleOptions = {},
): Promise<MountCleanup | undefined> {
  const logger = options.logger ?? consoleWarnLogger;
  const env = options.env ?? process.env;

  let resolved: ResolvedConfig;
  let provider: AzureOpenAIProvider;
  const cost = createSessionCost();
  try {
    resolved = resolveConfig(config ?? {}, env);
    provider = createAzureOpenAIProvider({
      ...options.provider,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      config: resolved,
      events: {
        emit: (event, payload) => {
          cost.observe(event, payload);
          return coordinator.hooks.emit(event, payload);
        },
      },
    });
  } catch (error) {
    if (isNotConfigured(error)) {
      logger.warn(describeNotConfigured(error), { provider: PROVIDER_NAME });
      return undefined;
    }
    throw error;
  }
  for (const warning of resolved.warnings) {
    logger.warn(
      `azure-openai: ${warning.key}: ${warning.message}${warning.fix ? ` Fix: ${warning.fix}` : ''}`,
    );
  }

  try {
    await coordinator.mount(PROVIDERS_MOUNT_POINT, provider, { name: PROVIDER_NAME });
    // Contributions under the module id, as the Python bridge and Microsoft's Python module do.
    coordinator.registerContributor?.(OBSERVABILITY_EVENTS_CHANNEL, MODULE_ID, () => [
      ...PROVIDER_EVENTS,
    ]);
    coordinator.registerContributor?.(SESSION_COST_CHANNEL, SESSION_COST_CONTRIBUTOR, () =>
      cost.contribution(),
    );
  } catch (error) {
    await provider.close();
    throw error;
  }

  let closed: Promise<void> | undefined;
  return () => {
    const closing = closed ?? provider.close();
    closed = closing;
    return closing;
  };
}

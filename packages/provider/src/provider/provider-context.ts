import { type AuthStrategy, createAuthStrategy } from '@amplifier-azure-openai/auth';
import type { AzureOpenAIConfig, ResolvedConfig } from '@amplifier-azure-openai/config';
import {
  createDeploymentResolver,
  type DeploymentResolver,
} from '@amplifier-azure-openai/deployments';
import { type ClientPool, createClientPool } from '../client/client-pool.js';
import {
  type ConcurrencyLimits,
  createConcurrencyLimits,
} from '../concurrency/concurrency-limits.js';
import { AzureOpenAIError } from '../errors/azure-openai-error.js';
import {
  type CredentialScrubber,
  createCredentialScrubber,
} from '../errors/credential-scrubber.js';
import { ProviderClosedError } from '../errors/provider-closed-error.js';
import type { ErrorContext } from '../errors/translate-error.js';
import { warn } from '../events/provider-event-emitter.js';
import { createQuotaRuntime, type QuotaRuntime } from '../quota/quota-runtime.js';
import { ConversationChain } from '../request/conversation-chain.js';
import { responseChainingOn } from '../request/response-chaining.js';
import { abortableSleep, type SleepFunction } from '../retry/abortable-sleep.js';
import type { FailoverTarget } from '../retry/run-with-failover.js';
import type { AzureOpenAIProviderOptions, EventSink, Logger } from './provider-options.js';
import { scrubbingLogger } from './scrubbing-logger.js';

/** The provider's mutable lifecycle state, shared by every call. */
export interface ProviderState {
  /** Set by close(); calls after it are refused. */
  closed: boolean;
  /** complete() calls still running: a signal-less one must still get credentials after close(). */
  running: number;
  /** The auth description for errors, computed once. */
  authContext: ErrorContext['auth'];
}

/**
 * Everything one provider instance shares between its calls, passed explicitly to the modules
 * that prepare, send, stream and report a call. Built once by {@link createProviderContext}.
 */
export interface ProviderContext {
  readonly config: AzureOpenAIConfig;
  readonly auth: AuthStrategy;
  /** Closed by close(): only a strategy this provider created (a passed-in one is the caller's). */
  readonly ownedAuth: AuthStrategy | undefined;
  readonly resolver: DeploymentResolver;
  /** The provider's own credentials never leave it: errors, events and logs are scrubbed. */
  readonly scrubber: CredentialScrubber;
  readonly logger: Logger;
  readonly events: EventSink | undefined;
  readonly sleep: SleepFunction;
  readonly random: (() => number) | undefined;
  readonly now: () => number;
  readonly pool: ClientPool;
  /** Parameters each target (endpoint|deployment) rejected, learned from its 400 answers. */
  readonly omissions: Map<string, ReadonlySet<string>>;
  /** `previous_response_id` chaining: when `store` is on, unless `enable_response_chaining = false`. */
  readonly chain: ConversationChain | undefined;
  /** The per-call controllers close() aborts. */
  readonly inFlight: Set<AbortController>;
  /** Tool calls whose missing result was already reported (once per call id, like Python's). */
  readonly repairedToolCalls: Set<string>;
  /** deployment_quotas / shared_state_url: undefined (no cost) when neither is set. */
  readonly quota: QuotaRuntime | undefined;
  /** max_concurrent_requests(_per_deployment): undefined (no cost) when neither is set. */
  readonly concurrency: ConcurrencyLimits | undefined;
  /** Models without a price, already reported once (cost). */
  readonly unpricedModels: Set<string>;
  readonly state: ProviderState;
}

const SILENT_LOGGER: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** Builds the shared context of one provider from its options (validating the config). */
export function createProviderContext(options: AzureOpenAIProviderOptions): ProviderContext {
  const config = configOf(options);
  const auth: AuthStrategy = options.auth ?? createAuthStrategy(config);
  const resolver: DeploymentResolver = options.resolver ?? createDeploymentResolver(config);
  const scrubber = createCredentialScrubber([
    config.apiKey?.reveal(),
    config.azureAdToken?.reveal(),
  ]);
  const context: { -readonly [K in keyof ProviderContext]: ProviderContext[K] } = {
    config,
    auth,
    ownedAuth: options.auth === undefined ? auth : undefined,
    resolver,
    scrubber,
    logger:
      options.logger === undefined ? SILENT_LOGGER : scrubbingLogger(options.logger, scrubber),
    events: options.events,
    sleep: options.sleep ?? abortableSleep,
    random: options.random,
    now: options.now ?? (() => performance.now()),
    pool: createClientPool({ config, fetch: options.fetch }),
    omissions: new Map(),
    chain: responseChainingOn(config) ? new ConversationChain() : undefined,
    inFlight: new Set(),
    repairedToolCalls: new Set(),
    quota: undefined,
    concurrency: createConcurrencyLimits(config),
    unpricedModels: new Set(),
    state: { closed: false, running: 0, authContext: undefined },
  };
  const { logger } = context;
  context.quota = createQuotaRuntime(config, {
    logger: {
      debug: (message, data) => logger.debug(message, data),
      info: (message, data) => logger.info(message, data),
      warn: (message, data) => void warn(context, message, data ?? {}),
      error: (message, data) => logger.error(message, data),
    },
    sleep: context.sleep,
    loadStateRedis: options.loadStateRedis,
  });
  return context;
}

/** The auth method description for errors, asked of the strategy once (never its secret). */
export function describeAuth(
  context: Pick<ProviderContext, 'auth' | 'state'>,
): ErrorContext['auth'] {
  if (context.state.authContext === undefined) {
    try {
      context.state.authContext = context.auth.describe();
    } catch {
      context.state.authContext = { method: context.auth.method };
    }
  }
  return context.state.authContext;
}

/** The context an error of this call (and target) is translated with. */
export function errorContext(
  context: Pick<ProviderContext, 'auth' | 'state' | 'config'>,
  model: string,
  rule: string | undefined,
  target?: FailoverTarget,
): ErrorContext {
  return {
    model,
    deployment: target?.deployment,
    endpoint: target?.endpoint ?? context.config.azureEndpoint,
    rule,
    auth: describeAuth(context),
  };
}

/** Throws {@link ProviderClosedError} once close() was called. */
export function ensureOpen(context: Pick<ProviderContext, 'state'>): void {
  if (context.state.closed) {
    throw new ProviderClosedError({
      message: 'The Azure OpenAI provider was closed; calls after close() are refused.',
      fix: 'Create a new provider with createAzureOpenAIProvider(...).',
    });
  }
}

function isResolvedConfig(value: AzureOpenAIConfig | ResolvedConfig): value is ResolvedConfig {
  return (
    typeof (value as ResolvedConfig).config === 'object' &&
    (value as ResolvedConfig).sources !== undefined
  );
}

/** The config from the options, or a clear error when it is missing. */
export function configOf(options: AzureOpenAIProviderOptions | undefined): AzureOpenAIConfig {
  const given = options?.config;
  const config =
    given !== undefined && given !== null && isResolvedConfig(given) ? given.config : given;
  if (typeof config !== 'object' || config === null || typeof config.azureEndpoint !== 'string') {
    throw new AzureOpenAIError({
      message:
        'createAzureOpenAIProvider needs { config }: the result of resolveConfig(...) from @amplifier-azure-openai/config (or its .config).',
      code: 'invalid_options',
      fix: "createAzureOpenAIProvider({ config: resolveConfig({ azure_endpoint: 'https://my-resource.openai.azure.com' }, process.env) })",
    });
  }
  return config;
}

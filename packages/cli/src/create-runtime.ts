import { type AuthStrategy, createAuthStrategy } from '@amplifier-azure-openai/auth';
import type { AzureOpenAIConfig, ResolvedConfig } from '@amplifier-azure-openai/config';
import {
  createDeploymentResolver,
  type DeploymentResolver,
} from '@amplifier-azure-openai/deployments';
import {
  type AzureOpenAIProvider,
  createAzureOpenAIProvider,
  type EventSink,
} from '@amplifier-azure-openai/provider';
import type { Logger } from './logger.js';
import { combineSinks } from './stream-display.js';

/** Events printed by `--verbose` (the large `:debug`/`:raw` payloads are left out). */
const VERBOSE_EVENTS: ReadonlySet<string> = new Set([
  'llm:request',
  'llm:response',
  'provider:retry',
  'provider:throttle',
  'provider:failover',
  'provider:warning',
  'provider:background_start',
  'provider:background_poll',
  'provider:background_cancel',
]);

/** The provider and its parts, built from one resolved configuration. */
export interface CliRuntime {
  /** The configuration the runtime was built from. */
  config: AzureOpenAIConfig;
  /** The chosen authentication method (shared by the provider). */
  auth: AuthStrategy;
  /** The deployment resolver (shared by the provider). */
  resolver: DeploymentResolver;
  /** The Azure OpenAI provider. */
  provider: AzureOpenAIProvider;
  /** Closes the provider, and the auth strategy when this runtime built it. */
  close(): Promise<void>;
}

/** Options of {@link createRuntime}. */
export interface CreateRuntimeOptions {
  /** Debug lines (deployment resolution, auth) and warnings. */
  logger: Logger;
  /** With `--verbose`, provider events (`llm:request`, `provider:retry`, ...) are logged too. */
  verbose: boolean;
  /** Replaces values of the resolved configuration (e.g. `maxRetries` for doctor probes). */
  overrides?: Partial<AzureOpenAIConfig> | undefined;
  /** A resolver to use instead of one built from the configuration. */
  resolver?: DeploymentResolver | undefined;
  /** An auth strategy to share instead of building one. */
  auth?: AuthStrategy | undefined;
  /** Receives the provider's events too (e.g. the `chat --stream` display). */
  events?: EventSink | undefined;
}

/** An event sink logging provider events as debug lines (only built with `--verbose`). */
export function verboseEventSink(logger: Logger): EventSink {
  return {
    emit(event, payload) {
      if (VERBOSE_EVENTS.has(event)) logger.debug(`event ${event}`, payload);
    },
  };
}

/**
 * Builds the auth strategy, deployment resolver and provider the way Amplifier does, with the
 * CLI's logger. Throws the auth package's `NoCredentialConfiguredError` (exit code 3) when no
 * credential is configured.
 */
export function createRuntime(resolved: ResolvedConfig, options: CreateRuntimeOptions): CliRuntime {
  const config: AzureOpenAIConfig =
    options.overrides === undefined
      ? resolved.config
      : { ...resolved.config, ...options.overrides };
  const auth = options.auth ?? createAuthStrategy({ ...config, logger: options.logger });
  const resolver =
    options.resolver ?? createDeploymentResolver({ ...config, logger: options.logger });
  const provider = createAzureOpenAIProvider({
    config,
    auth,
    resolver,
    logger: options.logger,
    events: combineSinks(
      options.verbose ? verboseEventSink(options.logger) : undefined,
      options.events,
    ),
  });
  const ownsAuth = options.auth === undefined;
  const close = async (): Promise<void> => {
    await provider.close();
    // The provider only closes strategies it built itself; this one was built here.
    if (ownsAuth) await auth.close();
  };
  return { config, auth, resolver, provider, close };
}

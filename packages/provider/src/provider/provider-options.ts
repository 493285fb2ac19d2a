import type { AuthStrategy } from '@amplifier-azure-openai/auth';
import type { AzureOpenAIConfig, ResolvedConfig } from '@amplifier-azure-openai/config';
import type { DeploymentResolver } from '@amplifier-azure-openai/deployments';
import type { StateRedisModule } from '../quota/shared-state-store.js';
import type { SleepFunction } from '../retry/abortable-sleep.js';

/** Where the provider sends Amplifier events (`llm:request`, `provider:retry`, ...). */
export interface EventSink {
  /** Called once per event; a returned promise is awaited, and its failure only logged. */
  emit(event: string, payload: Record<string, unknown>): unknown | Promise<unknown>;
}

/** A structural logger; the default is silent. */
export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** Options of {@link createAzureOpenAIProvider}. */
export interface AzureOpenAIProviderOptions {
  /** The resolved configuration (`resolveConfig(...)` or its `.config`). */
  config: AzureOpenAIConfig | ResolvedConfig;
  /** The auth strategy. Default: `createAuthStrategy(config)`. */
  auth?: AuthStrategy | undefined;
  /** The deployment resolver (shares cooldowns between providers). Default: `createDeploymentResolver(config)`. */
  resolver?: DeploymentResolver | undefined;
  /** Receives Amplifier events. Default: none (no payloads are even built). */
  events?: EventSink | undefined;
  /** Receives warnings and debug lines. Default: silent. */
  logger?: Logger | undefined;
  /** A `fetch` for the `openai` client. Default: the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** Waits between retries (tests inject a recorder). Default: an abortable `setTimeout`. */
  sleep?: SleepFunction | undefined;
  /** Random numbers in [0, 1) for backoff jitter (tests). Default `Math.random`. */
  random?: (() => number) | undefined;
  /** Clock for `duration_ms` (tests). Default `performance.now`. */
  now?: (() => number) | undefined;
  /**
   * Loads `@amplifier-azure-openai/state-redis` when `shared_state_url` is set (tests simulate a
   * missing package). Default: a dynamic `import()`.
   */
  loadStateRedis?: (() => Promise<StateRedisModule>) | undefined;
}

/** Per-call options of `complete` and `stream`. */
export interface CallOptions {
  /** Cancels the call: the HTTP request or stream is closed at once and an `AbortedError` thrown. */
  signal?: AbortSignal | undefined;
}

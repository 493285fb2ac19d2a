import { type ResolvedConfig, resolveConfig } from '@amplifier-azure-openai/config';
import {
  type AzureOpenAIProviderOptions,
  createAzureOpenAIProvider,
} from '@amplifier-azure-openai/provider';
import type { Logger } from '../logger.js';
import { describeNotConfigured, isNotConfigured } from '../not-configured.js';
import type { EventSink, ProviderLike } from '../provider-shapes.js';
import { bindMountCredentials, startupEndpoints } from './mount-credentials.js';

const NOT_MOUNTED_MARKER = Symbol.for('amplifier-azure-openai.not-mounted-error');

/** A provider call arrived while no provider is mounted (no config yet, or after Cleanup). */
export class NotMountedError extends Error {
  constructor(reason: string) {
    super(
      `The azure-openai provider is not mounted: ${reason} Call ModuleLifecycle.Mount with the provider config, or start the server with a configuration.`,
    );
    this.name = 'NotMountedError';
  }

  /** Marker for {@link NotMountedError.isInstance}. */
  get [NOT_MOUNTED_MARKER](): true {
    return true;
  }

  /** True when `value` is a `NotMountedError`, even from another copy of this package. */
  static isInstance(value: unknown): value is NotMountedError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[NOT_MOUNTED_MARKER] === true
    );
  }
}

/** Result of {@link ProviderHost.mount}. */
export interface HostMountResult {
  /** True when a provider is mounted afterwards. */
  success: boolean;
  /** Why mounting failed (empty on success); never contains a secret. */
  error: string;
}

/** Options of {@link ProviderHost}. */
export interface ProviderHostOptions {
  /** Base configuration (snake_case); `Mount` config overrides its keys. */
  config?: Record<string, unknown> | undefined;
  /** A ready provider to serve (then `config` is only used when `Mount` sends a config). */
  provider?: ProviderLike | undefined;
  /** Environment read by `resolveConfig` (default `process.env`). */
  env?: Record<string, string | undefined> | undefined;
  /** Receives the provider's events (default: `logger.debug`). */
  events?: EventSink | undefined;
  /** Logger for lifecycle messages. */
  logger: Logger;
  /** Extra provider options (tests: `fetch`, `sleep`, ...). */
  providerOptions?: Omit<Partial<AzureOpenAIProviderOptions>, 'config' | 'events'> | undefined;
  /** Told the secret values of each configuration a provider is built from (Mount included). */
  onSecrets?: ((secrets: readonly string[]) => void) | undefined;
}

interface Slot {
  provider: ProviderLike;
  secrets: readonly string[];
  inFlight: number;
  retired: boolean;
  closed?: Promise<void> | undefined;
}

function secretsOf(resolved: ResolvedConfig): string[] {
  const secrets: string[] = [];
  for (const secret of [resolved.config.apiKey, resolved.config.azureAdToken]) {
    if (secret !== undefined) secrets.push(secret.reveal());
  }
  return secrets;
}

/**
 * Holds the provider served over gRPC: builds it from configuration, swaps it on `Mount`, closes
 * it on `Cleanup`, and keeps a replaced provider open until its in-flight calls finish.
 */
export class ProviderHost {
  readonly #options: ProviderHostOptions;
  #slot: Slot | undefined;
  /** The endpoints the start-up credentials may be sent to (computed on first use). */
  #startup: ReadonlySet<string> | undefined;
  #notMountedReason = 'no configuration has been mounted yet.';

  constructor(options: ProviderHostOptions) {
    this.#options = options;
    if (options.provider !== undefined) {
      this.#slot = { provider: options.provider, secrets: [], inFlight: 0, retired: false };
    }
  }

  /**
   * Builds the provider from the base configuration (and the environment).
   *
   * @returns the result; not-configured (no endpoint/credential) is a failure, not an exception.
   * @throws `ConfigError` for an invalid configuration.
   */
  start(): HostMountResult {
    this.#startup ??= startupEndpoints(
      this.#options.config ?? {},
      this.#options.env ?? process.env,
    );
    if (this.#slot !== undefined) return { success: true, error: '' };
    return this.#build(this.#options.config ?? {}, true);
  }

  /**
   * Mounts a provider built from the base config overridden by `config` (empty: keep the current
   * one). Start-up credentials stay bound to the start-up endpoints: a Mount that adds another
   * endpoint must bring its own credential (see {@link bindMountCredentials}).
   */
  async mount(config: Record<string, unknown>): Promise<HostMountResult> {
    if (Object.keys(config).length === 0 && this.#slot !== undefined)
      return { success: true, error: '' };
    const env = this.#options.env ?? process.env;
    const base = this.#options.config ?? {};
    this.#startup ??= startupEndpoints(base, env);
    const inputs = bindMountCredentials({ base, mount: config, env, startup: this.#startup });
    if (!inputs.ok) {
      this.#options.logger.warn(`azure-openai: Mount refused: ${inputs.error}`);
      return { success: false, error: inputs.error };
    }
    return this.#build(inputs.config, false, inputs.env);
  }

  #build(
    config: Record<string, unknown>,
    rethrowInvalid: boolean,
    env: Record<string, string | undefined> = this.#options.env ?? process.env,
  ): HostMountResult {
    const { logger } = this.#options;
    let slot: Slot;
    try {
      const resolved = resolveConfig(config, env);
      this.#options.onSecrets?.(secretsOf(resolved));
      for (const warning of resolved.warnings) {
        logger.warn(
          `azure-openai: ${warning.key}: ${warning.message}${warning.fix ? ` Fix: ${warning.fix}` : ''}`,
        );
      }
      const events: EventSink = this.#options.events ?? {
        emit: (event, payload) => logger.debug(`event ${event}`, payload),
      };
      const provider = createAzureOpenAIProvider({
        ...this.#options.providerOptions,
        logger,
        config: resolved,
        events,
      });
      slot = { provider, secrets: secretsOf(resolved), inFlight: 0, retired: false };
    } catch (error) {
      if (isNotConfigured(error)) {
        const message = describeNotConfigured(error);
        logger.warn(message);
        if (this.#slot === undefined) this.#notMountedReason = message;
        return { success: false, error: message };
      }
      if (rethrowInvalid) throw error;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      logger.warn(`azure-openai: Mount failed: ${message}`);
      return { success: false, error: message };
    }
    const previous = this.#slot;
    this.#slot = slot;
    if (previous !== undefined) this.#retire(previous);
    logger.info('azure-openai provider mounted');
    return { success: true, error: '' };
  }

  #retire(slot: Slot): Promise<void> {
    slot.retired = true;
    if (slot.inFlight === 0) slot.closed ??= slot.provider.close();
    return slot.closed ?? Promise.resolve();
  }

  /** Closes the mounted provider (in-flight calls finish first); later calls fail with NotMountedError. */
  async cleanup(): Promise<void> {
    const slot = this.#slot;
    this.#slot = undefined;
    this.#notMountedReason = 'the module was cleaned up.';
    if (slot !== undefined) {
      slot.retired = true;
      await this.#whenIdle(slot);
    }
  }

  #idleWaiters = new Map<Slot, Array<() => void>>();

  #whenIdle(slot: Slot): Promise<void> {
    if (slot.inFlight === 0) {
      slot.closed ??= slot.provider.close();
      return slot.closed;
    }
    return new Promise<void>(resolve => {
      const waiters = this.#idleWaiters.get(slot) ?? [];
      waiters.push(resolve);
      this.#idleWaiters.set(slot, waiters);
    }).then(() => slot.closed);
  }

  /** True when a provider is mounted. */
  get mounted(): boolean {
    return this.#slot !== undefined;
  }

  /** Why no provider is mounted (for HealthCheck), or `''`. */
  get notMountedReason(): string {
    return this.#slot === undefined ? this.#notMountedReason : '';
  }

  /** The mounted provider, without taking a reference (for metadata calls). */
  current(): ProviderLike {
    if (this.#slot === undefined) throw new NotMountedError(this.#notMountedReason);
    return this.#slot.provider;
  }

  /** Secret values of the mounted configuration (for redaction only). */
  secrets(): readonly string[] {
    return this.#slot?.secrets ?? [];
  }

  /**
   * Runs `fn` with the mounted provider, keeping it open until `fn` settles even if a Mount or
   * Cleanup replaces it meanwhile.
   */
  async use<T>(fn: (provider: ProviderLike) => Promise<T>): Promise<T> {
    const slot = this.#slot;
    if (slot === undefined) throw new NotMountedError(this.#notMountedReason);
    slot.inFlight += 1;
    try {
      return await fn(slot.provider);
    } finally {
      slot.inFlight -= 1;
      if (slot.inFlight === 0 && slot.retired) {
        slot.closed ??= slot.provider.close();
        const waiters = this.#idleWaiters.get(slot) ?? [];
        this.#idleWaiters.delete(slot);
        for (const resolve of waiters) resolve();
      }
    }
  }
}

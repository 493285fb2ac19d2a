import type { AzureOpenAIProviderOptions } from '@amplifier-azure-openai/provider';
import type { Server } from '@grpc/grpc-js';
import { type Logger, silentLogger } from '../logger.js';
import type { EventSink, ProviderLike } from '../provider-shapes.js';
import { grpcJs } from './grpc-runtime.js';
import { guardRequestDecoding } from './guard-request-decoding.js';
import { createLifecycleService } from './lifecycle-service.js';
import { loadServiceDefinitions } from './load-proto.js';
import { ProviderHost } from './provider-host.js';
import { createProviderService } from './provider-service.js';

/** Default largest message accepted or sent (32 MiB: room for images in requests). */
export const DEFAULT_MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

/** Default grace period of {@link GrpcServerHandle.close} for in-flight calls (ms). */
export const DEFAULT_GRACE_MS = 10_000;

/** Options of {@link startGrpcServer}. */
export interface GrpcServerOptions {
  /**
   * Provider configuration (snake_case, as in Amplifier settings), resolved over `env` at start.
   * A `ModuleLifecycle.Mount` config overrides its keys. Default `{}` (environment only).
   */
  config?: Record<string, unknown> | undefined;
  /** A ready provider to serve instead of building one from `config`. */
  provider?: ProviderLike | undefined;
  /** Host to bind (default `127.0.0.1`). Ignored with `socket`. */
  host?: string | undefined;
  /** TCP port (default `0`: a free port, reported in the handle). Ignored with `socket`. */
  port?: number | undefined;
  /** Unix domain socket path to listen on instead of TCP. */
  socket?: string | undefined;
  /** Lifecycle and debug messages (default silent). */
  logger?: Logger | undefined;
  /** Environment for `resolveConfig` (default `process.env`). */
  env?: Record<string, string | undefined> | undefined;
  /** Receives the provider's events (`llm:request`, `provider:retry`, ...); default `logger.debug`. */
  events?: EventSink | undefined;
  /** Largest message received or sent, in bytes (default {@link DEFAULT_MAX_MESSAGE_BYTES}). */
  maxMessageBytes?: number | undefined;
  /** Extra provider options (tests: `fetch`, `sleep`, ...). */
  providerOptions?: Omit<Partial<AzureOpenAIProviderOptions>, 'config' | 'events'> | undefined;
  /**
   * Told the secret values (API key, Entra token) of every configuration a provider is built
   * from, `Mount` included, so outer output (e.g. `serve --verbose`) can scrub them too.
   */
  onSecrets?: ((secrets: readonly string[]) => void) | undefined;
}

/** A running gRPC module server. */
export interface GrpcServerHandle {
  /** gRPC target for clients: `127.0.0.1:50051` or `unix:/path/to.sock`. */
  readonly address: string;
  /** The endpoint for `amplifier.toml` `[grpc] endpoint`: `http://127.0.0.1:50051` or `unix:/path`. */
  readonly endpoint: string;
  /** The bound TCP port (`undefined` on a Unix socket). */
  readonly port: number | undefined;
  /** True when a provider is mounted (configured), false while waiting for `Mount`. */
  readonly mounted: boolean;
  /**
   * Stops accepting calls, lets in-flight calls finish for up to `graceMs` (default
   * {@link DEFAULT_GRACE_MS}), then cancels what remains and closes the provider. Idempotent: a
   * later call returns the same promise, and a shorter `graceMs` in it cancels the remaining calls
   * sooner (`close(0)` at once: a second Ctrl+C).
   */
  close(graceMs?: number): Promise<void>;
}

function bind(server: Server, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(target, grpcJs().ServerCredentials.createInsecure(), (error, port) => {
      if (error) reject(error);
      else resolve(port);
    });
  });
}

function formatHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Serves the provider over Amplifier's gRPC module contract: `amplifier.module.ProviderService`
 * (GetInfo, ListModels, Complete, CompleteStreaming, ParseToolCalls) and `ModuleLifecycle` (Mount,
 * Cleanup, HealthCheck, GetModuleInfo), from this package's own proto (wire-compatible with
 * Amplifier's `amplifier_module.proto`).
 *
 * Without an endpoint or credential the server still starts (health NOT_SERVING, provider calls
 * FAILED_PRECONDITION) and waits for `Mount` with a config.
 *
 * Request bytes that do not decode as the method's request message are answered
 * `INVALID_ARGUMENT` (`x-error-name: ProtoConversionError`), not `INTERNAL`.
 *
 * @throws `ConfigError` for an invalid `config`; the bind error when the port/socket is unavailable.
 * @example
 * ```ts
 * const server = await startGrpcServer({ config: { azure_endpoint: 'https://x.openai.azure.com' }, port: 50051 });
 * console.log(server.endpoint); // http://127.0.0.1:50051
 * process.on('SIGTERM', () => void server.close());
 * ```
 */
export async function startGrpcServer(options: GrpcServerOptions = {}): Promise<GrpcServerHandle> {
  // Loaded here, not at import: hosts that only mount in process never pay for grpc-js.
  const { Server } = grpcJs();
  const logger = options.logger ?? silentLogger;
  const host = new ProviderHost({
    config: options.config,
    provider: options.provider,
    env: options.env,
    events: options.events,
    logger,
    providerOptions: options.providerOptions,
    onSecrets: options.onSecrets,
  });
  host.start();

  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const server = new Server({
    'grpc.max_receive_message_length': maxBytes,
    'grpc.max_send_message_length': maxBytes,
  });
  const definitions = loadServiceDefinitions();
  server.addService(
    ...guardRequestDecoding(definitions.providerService, createProviderService(host, logger)),
  );
  server.addService(
    ...guardRequestDecoding(definitions.moduleLifecycle, createLifecycleService(host, logger)),
  );

  let address: string;
  let endpoint: string;
  let port: number | undefined;
  try {
    if (options.socket !== undefined) {
      address = `unix:${options.socket}`;
      await bind(server, address);
      endpoint = address;
      port = undefined;
    } else {
      const hostName = formatHost(options.host ?? '127.0.0.1');
      port = await bind(server, `${hostName}:${options.port ?? 0}`);
      address = `${hostName}:${port}`;
      endpoint = `http://${address}`;
    }
  } catch (error) {
    server.forceShutdown();
    await host.cleanup();
    throw error;
  }
  logger.info(`amplifier gRPC module listening on ${endpoint}`);

  let closing: Promise<void> | undefined;
  /** Set once the calls in flight are over (finished, or cancelled). */
  let drained = false;
  let cancelRemaining: (() => void) | undefined;
  return {
    address,
    endpoint,
    port,
    get mounted() {
      return host.mounted;
    },
    close(graceMs = DEFAULT_GRACE_MS) {
      closing ??= new Promise<void>(resolve => {
        cancelRemaining = () => {
          if (drained) return;
          drained = true;
          server.forceShutdown();
          resolve();
        };
        server.tryShutdown(() => {
          drained = true;
          resolve();
        });
      }).then(() => host.cleanup());
      // Every call arms its own deadline: the earliest one cancels what still runs.
      const timer = setTimeout(() => {
        if (drained) return;
        logger.warn(`gRPC calls still running after ${graceMs} ms: cancelling them`);
        cancelRemaining?.();
      }, graceMs);
      timer.unref?.();
      const clear = () => clearTimeout(timer);
      closing.then(clear, clear);
      return closing;
    },
  };
}

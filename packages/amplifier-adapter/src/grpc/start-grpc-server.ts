import { chmodSync } from 'node:fs';
import type { AzureOpenAIProviderOptions } from '@amplifier-azure-openai/provider';
import type { Server, ServerCredentials } from '@grpc/grpc-js';
import { type Logger, silentLogger } from '../logger.js';
import type { EventSink, ProviderLike } from '../provider-shapes.js';
import { authenticateCalls } from './call-authentication.js';
import { grpcJs } from './grpc-runtime.js';
import { guardRequestDecoding } from './guard-request-decoding.js';
import { createLifecycleService } from './lifecycle-service.js';
import { GrpcListenError } from './listen-error.js';
import { loadServiceDefinitions } from './load-proto.js';
import { isLoopbackHost } from './loopback-host.js';
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
  /**
   * Bearer token every call must carry as gRPC metadata `authorization: Bearer <token>` (compared
   * in constant time; a wrong or missing token is `UNAUTHENTICATED`). Omitted: calls are not
   * authenticated (allowed on a loopback host or a Unix socket only).
   */
  token?: string | undefined;
  /**
   * With `token`: let the `ProviderService` calls (GetInfo, ListModels, Complete,
   * CompleteStreaming, ParseToolCalls) and `HealthCheck`/`GetModuleInfo` through without the
   * token, for hosts that cannot send metadata (amplifier-core's Rust `load_grpc_provider`).
   * `Mount` and `Cleanup` still need it. Loopback hosts and Unix sockets only.
   */
  allowUnauthenticatedCalls?: boolean | undefined;
  /**
   * Serve over TLS with this certificate chain and private key (PEM). Required, together with
   * `token`, to listen on a host that is not loopback.
   */
  tls?: { certChain: Buffer | string; privateKey: Buffer | string } | undefined;
  /**
   * Send `@grpc/grpc-js`'s own log lines to `logger.debug` instead of the console. This sets
   * grpc-js's logger for the whole process (meant for a process that only serves, like the CLI).
   */
  captureGrpcLogs?: boolean | undefined;
}

const GRPC_SERVER_OPTIONS_MARKER = Symbol.for('amplifier-azure-openai.grpc-server-options-error');

/** {@link startGrpcServer} was given options that would expose the server (off-loopback without TLS...). */
export class GrpcServerOptionsError extends Error {
  /** @param message - what is wrong and how to fix it. */
  constructor(message: string) {
    super(message);
    this.name = 'GrpcServerOptionsError';
    Object.defineProperty(this, GRPC_SERVER_OPTIONS_MARKER, { value: true });
  }

  /** True when `value` is a {@link GrpcServerOptionsError} from any copy of this package. */
  static isInstance(value: unknown): value is GrpcServerOptionsError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[GRPC_SERVER_OPTIONS_MARKER] === true
    );
  }
}

/** Calls that `allowUnauthenticatedCalls` lets through without the token. */
const OPEN_PROVIDER_METHODS: ReadonlySet<string> = new Set([
  'GetInfo',
  'ListModels',
  'Complete',
  'CompleteStreaming',
  'ParseToolCalls',
]);
const OPEN_LIFECYCLE_METHODS: ReadonlySet<string> = new Set(['HealthCheck', 'GetModuleInfo']);

function checkExposure(options: GrpcServerOptions): void {
  if (options.socket !== undefined) return;
  const host = options.host ?? '127.0.0.1';
  if (isLoopbackHost(host)) return;
  if (options.tls === undefined || options.token === undefined || options.token === '') {
    throw new GrpcServerOptionsError(
      `Refusing to listen on ${host}: it is not a loopback address, and off loopback the server needs TLS (tls: certChain + privateKey) and a bearer token (token), or anyone who reaches the port could use the Azure credential. Give both, or listen on 127.0.0.1.`,
    );
  }
  if (options.allowUnauthenticatedCalls === true) {
    throw new GrpcServerOptionsError(
      `Refusing allowUnauthenticatedCalls on ${host}: unauthenticated calls are allowed on loopback hosts and Unix sockets only.`,
    );
  }
}

/** A running gRPC module server. */
export interface GrpcServerHandle {
  /** gRPC target for clients: `127.0.0.1:50051` or `unix:/path/to.sock`. */
  readonly address: string;
  /**
   * The endpoint for `amplifier.toml` `[grpc] endpoint` (the form amplifier-core's Rust host
   * parses): `http://127.0.0.1:50051`, `https://...` with TLS, or `unix:/path`.
   */
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

function bind(server: Server, target: string, credentials: ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(target, credentials, (error, port) => {
      if (error) reject(new GrpcListenError(target, error));
      else resolve(port);
    });
  });
}

/** Binds a Unix socket that only this user can connect to (created 0600, not chmod-ed later). */
async function bindPrivateSocket(
  server: Server,
  path: string,
  credentials: ServerCredentials,
): Promise<void> {
  const previous = process.umask(0o177);
  try {
    await bind(server, `unix:${path}`, credentials);
  } finally {
    process.umask(previous);
  }
  chmodSync(path, 0o600);
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
 * The whole configuration can be given at start (`config` over `env`), so hosts that never call
 * `Mount` (amplifier-core's Rust `load_grpc_provider`: GetInfo, then unary Complete) are served.
 * Without an endpoint or credential the server still starts (health NOT_SERVING, provider calls
 * FAILED_PRECONDITION) and waits for `Mount` with a config. A `Mount` that names an endpoint the
 * server was not started with must bring its own credential: start-up credentials are only ever
 * sent to start-up endpoints.
 *
 * Security: with `token`, every call needs `authorization: Bearer <token>` metadata
 * (`allowUnauthenticatedCalls` opens the provider calls, never Mount/Cleanup). A Unix socket is
 * created with mode 0600. A host that is not loopback needs `tls` and `token`.
 *
 * Request bytes that do not decode as the method's request message are answered
 * `INVALID_ARGUMENT` (`x-error-name: ProtoConversionError`), not `INTERNAL`.
 *
 * @throws `ConfigError` for an invalid `config`; {@link GrpcListenError} when the port/socket
 *   cannot be bound; {@link GrpcServerOptionsError} for an exposed host without TLS and token.
 * @example
 * ```ts
 * const server = await startGrpcServer({ config: { azure_endpoint: 'https://x.openai.azure.com' }, port: 50051 });
 * console.log(server.endpoint); // http://127.0.0.1:50051
 * process.on('SIGTERM', () => void server.close());
 * ```
 */
export async function startGrpcServer(options: GrpcServerOptions = {}): Promise<GrpcServerHandle> {
  // Loaded here, not at import: hosts that only mount in process never pay for grpc-js.
  const grpc = grpcJs();
  const { Server } = grpc;
  const logger = options.logger ?? silentLogger;
  checkExposure(options);
  if (options.captureGrpcLogs === true) {
    grpc.setLogger({
      error: (...args: unknown[]) => logger.debug(`grpc-js: ${args.map(String).join(' ')}`),
    });
  }
  const host = new ProviderHost({
    config: options.config,
    provider: options.provider,
    env: options.env,
    events: options.events,
    logger,
    providerOptions: options.providerOptions,
    onSecrets: options.onSecrets,
  });

  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const server = new Server({
    'grpc.max_receive_message_length': maxBytes,
    'grpc.max_send_message_length': maxBytes,
  });
  const definitions = loadServiceDefinitions();
  const services = [
    [
      guardRequestDecoding(definitions.providerService, createProviderService(host, logger)),
      OPEN_PROVIDER_METHODS,
    ],
    [
      guardRequestDecoding(definitions.moduleLifecycle, createLifecycleService(host, logger)),
      OPEN_LIFECYCLE_METHODS,
    ],
  ] as const;
  const token = options.token === '' ? undefined : options.token;
  for (const [[definition, implementation], open] of services) {
    server.addService(
      definition,
      token === undefined
        ? implementation
        : authenticateCalls(definition, implementation, {
            token,
            open: options.allowUnauthenticatedCalls === true ? open : undefined,
          }),
    );
  }
  const credentials =
    options.tls === undefined
      ? grpc.ServerCredentials.createInsecure()
      : grpc.ServerCredentials.createSsl(
          null,
          [
            {
              cert_chain: Buffer.from(options.tls.certChain),
              private_key: Buffer.from(options.tls.privateKey),
            },
          ],
          false,
        );
  const scheme = options.tls === undefined ? 'http' : 'https';

  let address: string;
  let endpoint: string;
  let port: number | undefined;
  try {
    if (options.socket !== undefined) {
      address = `unix:${options.socket}`;
      await bindPrivateSocket(server, options.socket, credentials);
      endpoint = address;
      port = undefined;
    } else {
      const hostName = formatHost(options.host ?? '127.0.0.1');
      port = await bind(server, `${hostName}:${options.port ?? 0}`, credentials);
      address = `${hostName}:${port}`;
      endpoint = `${scheme}://${address}`;
    }
    // After the bind: a busy port fails with its own error alone, not after not-mounted warnings.
    // Calls are served from later event-loop turns, so none can arrive before this runs.
    host.start();
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

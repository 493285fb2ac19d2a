import { isAbsolute, resolve } from 'node:path';
import type { CommandContext, CommandSpec } from '../command-spec.js';
import { EXIT_CODES, exitCodeForSignal } from '../exit-codes.js';
import { resolveServeToken, SERVE_TOKEN_ENV_VAR, type ServeToken } from '../serve-token.js';
import { UsageError } from '../usage-error.js';
import { CONFIG_OPTION } from './shared-options.js';

/** The TCP port `serve` listens on without `--port`/`--socket`. */
export const DEFAULT_SERVE_PORT = 50051;

/** Parses `--port N`: an integer 0-65535 (0 picks a free port). */
export function parsePort(value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError({
      message: `--port must be an integer from 0 to 65535 (got '${value}').`,
      command: 'serve',
    });
  }
  return port;
}

const SERVE_USAGE =
  'serve [--config FILE] [--host HOST] [--port N | --socket PATH] [--token-file FILE] [--allow-unauthenticated-calls] [--tls-cert FILE --tls-key FILE]';

function stringValue(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function readPemFile(
  readBoundedFile: typeof import('@amplifier-azure-openai/config').readBoundedFile,
  flag: string,
  file: string,
  cwd: string,
): Buffer {
  const result = readBoundedFile(isAbsolute(file) ? file : resolve(cwd, file));
  if (!result.ok) {
    throw new UsageError({
      message: `${flag} ${file} cannot be used: ${result.message}.`,
      command: 'serve',
    });
  }
  return Buffer.from(result.text, 'utf8');
}

/**
 * `serve`: serves the provider to Amplifier's kernel over gRPC (`ProviderService` +
 * `ModuleLifecycle`), configured entirely at start (environment, `--config`), so hosts that never
 * call `Mount` (amplifier-core's Rust `load_grpc_provider`) work. Prints `READY:<port>` (or
 * `READY:unix:<path>`) as its first stdout line once it listens, then a banner with the endpoint
 * and an `amplifier.toml`. Every call needs `authorization: Bearer <token>` metadata
 * (`--allow-unauthenticated-calls` lifts that for the provider calls, loopback only). On SIGINT/SIGTERM
 * it stops accepting calls and lets in-flight ones finish; a second signal cancels them.
 */
export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'Serve the provider to Amplifier as an out-of-process gRPC module.',
  usage: SERVE_USAGE,
  description: [
    "Starts the gRPC module server (Amplifier's ProviderService and ModuleLifecycle services) on",
    `127.0.0.1:${DEFAULT_SERVE_PORT} (or --port N, 0 = a free port; or a Unix socket, mode 0600, with`,
    '--socket), configured from the environment and --config at start: no ModuleLifecycle.Mount is',
    'needed. The first stdout line is READY:<port> (READY:unix:<path> on a socket) once it listens;',
    'the endpoint and the amplifier.toml follow.',
    '',
    'Every call needs the gRPC metadata `authorization: Bearer <token>`. The token comes from',
    `${SERVE_TOKEN_ENV_VAR}, or from --token-file FILE (read when the file exists, mode 0600; else`,
    'generated and written there with mode 0600, removed on exit), or is generated and kept in this',
    'process only. It is never printed. --allow-unauthenticated-calls lets the provider calls',
    '(GetInfo, ListModels, Complete, CompleteStreaming, ParseToolCalls) and HealthCheck through',
    "without it, for amplifier-core's Rust host (load_grpc_provider cannot send metadata); Mount and",
    'Cleanup still need it. Loopback only. A Mount naming a new endpoint must bring its own key.',
    '',
    'Off loopback (--host 0.0.0.0, a LAN address) serve needs --tls-cert and --tls-key (PEM) and',
    'refuses --allow-unauthenticated-calls. SIGINT/SIGTERM stop accepting calls; calls in flight',
    'finish (up to 10 s). A second SIGINT/SIGTERM cancels them at once (exit 130 / 143).',
  ].join('\n'),
  options: {
    config: CONFIG_OPTION,
    host: {
      type: 'string',
      valueName: 'HOST',
      description:
        'Address to listen on (default 127.0.0.1). Not loopback: needs --tls-cert/--tls-key.',
    },
    port: {
      type: 'string',
      short: 'p',
      valueName: 'N',
      description: `TCP port (default ${DEFAULT_SERVE_PORT}; 0 picks a free port).`,
    },
    socket: {
      type: 'string',
      valueName: 'PATH',
      description: 'Listen on a Unix domain socket (created with mode 0600) instead of TCP.',
    },
    'token-file': {
      type: 'string',
      valueName: 'FILE',
      description:
        'Bearer token file: read when it exists (mode 0600), else generated there (0600, removed on exit).',
    },
    'allow-unauthenticated-calls': {
      type: 'boolean',
      description:
        "Provider calls work without the token (for the Rust host's load_grpc_provider); Mount/Cleanup still need it. Loopback only.",
    },
    'tls-cert': {
      type: 'string',
      valueName: 'FILE',
      description: 'Serve over TLS with this PEM certificate chain (with --tls-key).',
    },
    'tls-key': {
      type: 'string',
      valueName: 'FILE',
      description: 'The PEM private key of --tls-cert.',
    },
  },
  positionals: 'none',
  examples: [
    'serve --allow-unauthenticated-calls',
    'serve --port 50051 --config ~/.amplifier/settings.toml --token-file ~/.amplifier/serve.token',
    'serve --socket /tmp/azure-openai.sock --token-file /tmp/azure-openai.token',
    'serve --host 0.0.0.0 --tls-cert cert.pem --tls-key key.pem --token-file serve.token',
  ],
  async run({ io, values, logger, verbose, secrets }) {
    const socket = stringValue(values.socket);
    const hostFlag = stringValue(values.host);
    if (values.port !== undefined && socket !== undefined) {
      throw new UsageError({ message: 'Give --port or --socket, not both.', command: 'serve' });
    }
    if (hostFlag !== undefined && socket !== undefined) {
      throw new UsageError({ message: 'Give --host or --socket, not both.', command: 'serve' });
    }
    const port = typeof values.port === 'string' ? parsePort(values.port) : DEFAULT_SERVE_PORT;
    const host = hostFlag ?? '127.0.0.1';
    const tlsCert = stringValue(values['tls-cert']);
    const tlsKey = stringValue(values['tls-key']);
    if ((tlsCert === undefined) !== (tlsKey === undefined)) {
      throw new UsageError({
        message: 'Give --tls-cert and --tls-key together.',
        command: 'serve',
      });
    }
    const allowUnauthenticated = values['allow-unauthenticated-calls'] === true;
    const [
      { ConfigError, readBoundedFile, resolveConfig },
      { verboseEventSink },
      { readConfigInput },
      adapter,
    ] = await Promise.all([
      import('@amplifier-azure-openai/config'),
      import('../create-runtime.js'),
      import('../load-cli-config.js'),
      import('amplifier-module-provider-azure-openai'),
    ]);
    if (socket === undefined && !adapter.isLoopbackHost(host)) {
      if (tlsCert === undefined) {
        throw new UsageError({
          message: `Refusing to listen on ${host}: it is not a loopback address, and off loopback serve needs TLS (--tls-cert FILE --tls-key FILE) so that the bearer token and the prompts are not sent in clear. Add them, or listen on 127.0.0.1.`,
          command: 'serve',
        });
      }
      if (allowUnauthenticated) {
        throw new UsageError({
          message: `Refusing --allow-unauthenticated-calls on ${host}: it is allowed on loopback addresses and Unix sockets only.`,
          command: 'serve',
        });
      }
    }
    const tls =
      tlsCert === undefined || tlsKey === undefined
        ? undefined
        : {
            certChain: readPemFile(readBoundedFile, '--tls-cert', tlsCert, io.cwd),
            privateKey: readPemFile(readBoundedFile, '--tls-key', tlsKey, io.cwd),
          };
    const serveToken = resolveServeToken({
      env: io.env,
      tokenFile: stringValue(values['token-file']),
      cwd: io.cwd,
    });
    secrets.add(serveToken.token);
    try {
      const { fileInput } = readConfigInput({
        configFile: values.config as string | undefined,
        cwd: io.cwd,
        secrets,
      });
      let configured = true;
      try {
        const resolved = resolveConfig(fileInput, io.env);
        secrets.add(resolved.config.apiKey?.reveal());
        secrets.add(resolved.config.azureAdToken?.reveal());
        for (const warning of resolved.warnings) logger.warn(`${warning.key}: ${warning.message}`);
      } catch (error) {
        if (!ConfigError.isInstance(error) || !error.isMissingRequired) throw error;
        configured = false;
      }
      return await serveUntilStopped({
        io,
        adapter,
        configured,
        serveToken,
        allowUnauthenticated,
        server: {
          config: fileInput,
          env: io.env,
          ...(socket === undefined ? { host, port } : { socket }),
          logger,
          ...(verbose ? { events: verboseEventSink(logger) } : {}),
          token: serveToken.token,
          allowUnauthenticatedCalls: allowUnauthenticated,
          tls,
          captureGrpcLogs: true,
          // Mount may bring a new key or token: the CLI's output scrubs those too.
          onSecrets: values => {
            for (const value of values) secrets.add(value);
          },
        },
      });
    } finally {
      serveToken.dispose();
    }
  },
};

type Adapter = typeof import('amplifier-module-provider-azure-openai');

function tokenLine(serveToken: ServeToken): string {
  if (serveToken.source === 'env') return `the token in ${SERVE_TOKEN_ENV_VAR}`;
  if (serveToken.source === 'file') return 'the token in --token-file';
  if (serveToken.createdFile !== undefined) {
    return `a generated token, written to ${serveToken.createdFile} (mode 0600, removed on exit)`;
  }
  return `a generated token known to this process only (pass --token-file FILE to receive it, or set ${SERVE_TOKEN_ENV_VAR})`;
}

async function serveUntilStopped(options: {
  io: CommandContext['io'];
  adapter: Adapter;
  configured: boolean;
  serveToken: ServeToken;
  allowUnauthenticated: boolean;
  server: import('amplifier-module-provider-azure-openai').GrpcServerOptions;
}): Promise<number> {
  const { io, adapter, serveToken } = options;
  const server = await adapter.startGrpcServer(options.server);
  const out = io.stdout;
  // One signal listener for the whole shutdown, registered before READY invites calls and a
  // Ctrl+C: any moment without one leaves Node's default handler, which kills the process outright.
  let firstSignal: (signal: string) => void = () => {};
  const stopRequested = new Promise<string>(resolve => {
    firstSignal = resolve;
  });
  let stopping = false;
  let forcedBy: string | undefined;
  const disposeSignals = io.onSignal(name => {
    if (!stopping) {
      stopping = true;
      firstSignal(name);
    } else if (forcedBy === undefined) {
      forcedBy = name;
      out.write(`${name}: cancelling the calls in flight.\n`);
      void server.close(0);
    }
  });
  // The launcher's handshake (amplifier-core's `READY:<port>` convention): the first line.
  out.write(`READY:${server.port ?? server.address}\n`);
  out.write(`Serving the Azure OpenAI provider over gRPC at ${server.endpoint}\n`);
  out.write(
    server.mounted
      ? 'Provider ready (configured from the environment/--config): no Mount needed.\n'
      : `Provider not configured yet${options.configured ? '' : ' (no endpoint)'}: waiting for ModuleLifecycle.Mount with a config.\n`,
  );
  out.write(
    `Calls need gRPC metadata "authorization: Bearer <token>" with ${tokenLine(serveToken)}.\n`,
  );
  if (options.allowUnauthenticated) {
    out.write(
      'Unauthenticated calls allowed: GetInfo, ListModels, Complete, CompleteStreaming, ParseToolCalls, HealthCheck and GetModuleInfo work without the token; Mount and Cleanup need it.\n',
    );
  }
  out.write('\namplifier.toml:\n\n');
  out.write(adapter.renderAmplifierToml({ endpoint: server.endpoint }));
  out.write('\nPress Ctrl+C (SIGINT) or send SIGTERM to stop.\n');
  try {
    const signal = await stopRequested;
    out.write(
      `${signal}: shutting down, finishing calls in flight (a second Ctrl+C cancels them)...\n`,
    );
    await server.close();
  } finally {
    disposeSignals();
  }
  out.write('Stopped.\n');
  return forcedBy === undefined ? EXIT_CODES.ok : exitCodeForSignal(forcedBy);
}

import type { CommandSpec } from '../command-spec.js';
import { EXIT_CODES, exitCodeForSignal } from '../exit-codes.js';
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

/**
 * `serve [--config FILE] [--port N | --socket PATH]`: serves the provider to Amplifier's kernel
 * over gRPC (`ProviderService` + `ModuleLifecycle`), prints the endpoint and an `amplifier.toml`
 * snippet, and on SIGINT/SIGTERM stops accepting calls and lets in-flight ones finish; a second
 * signal cancels them.
 */
export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'Serve the provider to Amplifier as an out-of-process gRPC module.',
  usage: 'serve [--config FILE] [--port N | --socket PATH]',
  description: [
    "Starts the gRPC module server (Amplifier's ProviderService and ModuleLifecycle services) on",
    `127.0.0.1:${DEFAULT_SERVE_PORT} (or --port N, 0 = a free port; or a Unix socket with --socket),`,
    'prints the endpoint and the amplifier.toml that mounts it. Without an endpoint or credential',
    'it still starts and waits for a ModuleLifecycle.Mount carrying the config. SIGINT/SIGTERM',
    'stop accepting calls; calls in flight finish (up to 10 s) before the process exits. A second',
    'SIGINT/SIGTERM cancels them at once (exit 130 / 143).',
  ].join('\n'),
  options: {
    config: CONFIG_OPTION,
    port: {
      type: 'string',
      short: 'p',
      valueName: 'N',
      description: `TCP port on 127.0.0.1 (default ${DEFAULT_SERVE_PORT}; 0 picks a free port).`,
    },
    socket: {
      type: 'string',
      valueName: 'PATH',
      description: 'Listen on a Unix domain socket instead of TCP.',
    },
  },
  positionals: 'none',
  examples: [
    'serve',
    'serve --port 50051 --config ~/.amplifier/settings.toml',
    'serve --socket /tmp/azure-openai.sock',
  ],
  async run({ io, values, logger, verbose, secrets }) {
    if (typeof values.port === 'string' && typeof values.socket === 'string') {
      throw new UsageError({ message: 'Give --port or --socket, not both.', command: 'serve' });
    }
    const port = typeof values.port === 'string' ? parsePort(values.port) : DEFAULT_SERVE_PORT;
    const socket = typeof values.socket === 'string' ? values.socket : undefined;
    const [{ ConfigError, resolveConfig }, { verboseEventSink }, { readConfigInput }] =
      await Promise.all([
        import('@amplifier-azure-openai/config'),
        import('../create-runtime.js'),
        import('../load-cli-config.js'),
      ]);
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

    const { renderAmplifierToml, startGrpcServer } = await import(
      'amplifier-module-provider-azure-openai'
    );
    const server = await startGrpcServer({
      config: fileInput,
      env: io.env,
      ...(socket === undefined ? { port } : { socket }),
      logger,
      ...(verbose ? { events: verboseEventSink(logger) } : {}),
      // Mount may bring a new key or token: the CLI's output scrubs those too.
      onSecrets: values => {
        for (const value of values) secrets.add(value);
      },
    });
    const out = io.stdout;
    // One signal listener for the whole shutdown, registered before the banner invites a Ctrl+C:
    // any moment without one leaves Node's default handler, which kills the process outright.
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
    out.write(`Serving the Azure OpenAI provider over gRPC at ${server.endpoint}\n`);
    out.write(
      server.mounted
        ? 'Provider ready (configured from the environment/--config).\n'
        : `Provider not configured yet${configured ? '' : ' (no endpoint)'}: waiting for ModuleLifecycle.Mount with a config.\n`,
    );
    out.write('\namplifier.toml:\n\n');
    out.write(renderAmplifierToml({ endpoint: server.endpoint }));
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
  },
};

import { ToolsFileError } from './tools-file-error.js';
import { UsageError } from './usage-error.js';

/** The process exit codes of `amplifier-azure-openai`. */
export const EXIT_CODES = Object.freeze({
  /** Success. */
  ok: 0,
  /** Anything not listed below (network failure, service error, a failed doctor check, ...). */
  failure: 1,
  /** Bad configuration, settings file, `--tools` file or command line. */
  config: 2,
  /** Authentication failed: no credential, wrong key, token not obtainable. */
  auth: 3,
  /** The Azure deployment does not exist. */
  deploymentNotFound: 4,
  /** Still rate limited (429) after the retries and failover deployments. */
  rateLimited: 5,
  /** Azure's content filter blocked the prompt or the answer. */
  contentFiltered: 6,
  /**
   * `chat` got an incomplete answer (`finish_reason` `length`: the output limit was reached, e.g.
   * a reasoning model spent `max_tokens` on reasoning); `--allow-incomplete` accepts it (exit 0).
   */
  incomplete: 7,
  /** Stopped by SIGINT (Ctrl+C) while a call was in flight: 128 + 2, as shells report it. */
  interrupted: 130,
  /** Stopped by SIGTERM while a call was in flight: 128 + 15. */
  terminated: 143,
});

/** One of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

const NAME_CODES: Readonly<Record<string, ExitCode>> = Object.freeze({
  ConfigError: EXIT_CODES.config,
  DeploymentConfigError: EXIT_CODES.config,
  InvalidModelNameError: EXIT_CODES.config,
  UsageError: EXIT_CODES.config,
  ToolsFileError: EXIT_CODES.config,
  AzureAuthError: EXIT_CODES.auth,
  NoCredentialConfiguredError: EXIT_CODES.auth,
  AuthenticationError: EXIT_CODES.auth,
  DeploymentNotFoundError: EXIT_CODES.deploymentNotFound,
  RateLimitError: EXIT_CODES.rateLimited,
  ContentFilterError: EXIT_CODES.contentFiltered,
});

/**
 * The exit code for an error: 2 config/usage, 3 auth, 4 deployment not found, 5 rate limited,
 * 6 content filtered, 1 anything else. Errors are recognised by their stable `name` (each
 * package documents its names as API), never by `instanceof`, so copies of a package loaded twice
 * still match, and the CLI does not load every package just to print `--help`.
 */
export function exitCodeFor(error: unknown): ExitCode {
  if (UsageError.isInstance(error) || ToolsFileError.isInstance(error)) return EXIT_CODES.config;
  const name = errorName(error);
  return NAME_CODES[name] ?? EXIT_CODES.failure;
}

/**
 * The exit code of a command that failed after a signal stopped it: 130 for SIGINT, 143 for
 * SIGTERM (what a shell reports for a process killed by them), 1 for any other signal.
 */
export function exitCodeForSignal(signal: string): ExitCode {
  if (signal === 'SIGINT') return EXIT_CODES.interrupted;
  if (signal === 'SIGTERM') return EXIT_CODES.terminated;
  return EXIT_CODES.failure;
}

/** The stable `name` of an error (`Error` for anything without one). */
export function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && name !== '') return name;
  }
  return 'Error';
}

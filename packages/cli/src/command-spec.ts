import type { CliIo, TextSink } from './cli-io.js';
import type { Logger } from './logger.js';
import type { SecretRegistry } from './redacting-sink.js';

/** One command-line option of a command. */
export interface OptionSpec {
  /** `string` takes a value (`--config FILE`), `boolean` is a switch. */
  type: 'string' | 'boolean';
  /** One-letter alias (`-h`). */
  short?: string | undefined;
  /** The value's placeholder in help (`FILE`, `N`). */
  valueName?: string | undefined;
  /** One line for `--help`. */
  description: string;
}

/** What a command's `run` receives. */
export interface CommandContext {
  /** Output streams (already scrubbed of known secrets), environment, cwd, signals. */
  io: {
    stdout: TextSink;
    stderr: TextSink;
    env: Record<string, string | undefined>;
    cwd: string;
    onSignal: NonNullable<CliIo['onSignal']>;
    stdin: NonNullable<CliIo['stdin']>;
  };
  /** The parsed option values (strings or booleans; absent options are undefined). */
  values: Readonly<Record<string, string | boolean | undefined>>;
  /** The positional arguments after the command name. */
  positionals: readonly string[];
  /** Whether `--verbose` was given. */
  verbose: boolean;
  /** Writes debug lines to stderr when verbose; warnings always. */
  logger: Logger;
  /** Secrets to scrub from every output line: commands add the keys/tokens they load. */
  secrets: SecretRegistry;
}

/** A CLI command: its help and its behaviour. */
export interface CommandSpec {
  /** The command word (`chat`). */
  name: string;
  /** One line for the global help. */
  summary: string;
  /** The usage line without the program name (`chat [--config FILE] PROMPT`). */
  usage: string;
  /** A paragraph for the command's `--help`. */
  description: string;
  /** The command's own options (`--help` and `--verbose` are added to every command). */
  options: Readonly<Record<string, OptionSpec>>;
  /** How many positionals the command takes: `none`, or `some` (at least one). */
  positionals: 'none' | 'some';
  /** Example command lines (without the program name). */
  examples: readonly string[];
  /** Runs the command; resolves to the exit code. Throws typed errors for failures. */
  run(context: CommandContext): Promise<number>;
}

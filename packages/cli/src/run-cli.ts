import { type CliIo, processSignals } from './cli-io.js';
import type { CommandContext, CommandSpec } from './command-spec.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_CODES, exitCodeFor, exitCodeForSignal } from './exit-codes.js';
import { formatErrorLine } from './format-error.js';
import { GLOBAL_OPTIONS, TOP_LEVEL_OPTIONS } from './global-options.js';
import { renderCommandHelp, renderGlobalHelp } from './help.js';
import { createStderrLogger } from './logger.js';
import { parseCommandArgs } from './parse-command-args.js';
import { redactingSink, SecretRegistry } from './redacting-sink.js';
import { SECRET_ENV_VARS } from './secret-env-vars.js';
import { firstControlCharacter } from './terminal-text.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find(command => command.name === name);
}

/**
 * Runs the `amplifier-azure-openai` command line and resolves to the exit code (it never calls
 * `process.exit`). Failures print one line, `error: <ErrorName>: <message>`, on stderr, and map to
 * exit codes: 2 config/usage, 3 auth, 4 deployment not found, 5 rate limited, 6 content filtered,
 * 130 / 143 when SIGINT / SIGTERM stopped a call in flight, 1 anything else.
 *
 * @param argv - the arguments after the program name (`process.argv.slice(2)`).
 * @param io - output streams, environment, working directory and signals (tests inject them).
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  const secrets = new SecretRegistry();
  for (const name of SECRET_ENV_VARS) secrets.add(env[name]);
  const stdout = redactingSink(io.stdout, secrets);
  const stderr = redactingSink(io.stderr, secrets);
  // The first signal a command received: a command that then fails exits 130 / 143, not 1.
  let stoppedBy: string | undefined;
  const listenForSignals = io.onSignal ?? processSignals;
  const onSignal: NonNullable<CliIo['onSignal']> = handler =>
    listenForSignals(signal => {
      stoppedBy ??= signal;
      handler(signal);
    });
  try {
    const top = parseCommandArgs(argv, TOP_LEVEL_OPTIONS, {
      allowPositionals: true,
      stopAtPositional: true,
    });
    const [name, ...rest] = top.positionals;
    if (top.values.version === true) {
      stdout.write(`${VERSION}\n`);
      return EXIT_CODES.ok;
    }
    if (name === undefined) {
      if (top.values.help === true) {
        stdout.write(renderGlobalHelp(COMMANDS));
        return EXIT_CODES.ok;
      }
      stderr.write(renderGlobalHelp(COMMANDS));
      throw new UsageError({ message: 'No command given.' });
    }
    if (name === 'help') {
      const target = rest[0] === undefined ? undefined : findCommand(rest[0]);
      stdout.write(target === undefined ? renderGlobalHelp(COMMANDS) : renderCommandHelp(target));
      return EXIT_CODES.ok;
    }
    const command = findCommand(name);
    if (command === undefined) {
      throw new UsageError({
        message: `Unknown command '${name}' (commands: ${COMMANDS.map(c => c.name).join(', ')}).`,
      });
    }
    const parsed = parseCommandArgs(
      rest,
      { ...command.options, ...GLOBAL_OPTIONS },
      {
        command: command.name,
        allowPositionals: command.positionals !== 'none',
      },
    );
    // Flag values (model and deployment names, paths, ports) never hold control characters:
    // refused here, before they reach Azure or are echoed to the terminal.
    for (const [flag, value] of Object.entries(parsed.values)) {
      const control = typeof value === 'string' ? firstControlCharacter(value) : undefined;
      if (control !== undefined) {
        throw new UsageError({
          message: `--${flag} contains the control character ${control}; flag values cannot hold line breaks or other control characters.`,
          command: command.name,
        });
      }
    }
    if (top.values.help === true || parsed.values.help === true) {
      stdout.write(renderCommandHelp(command));
      return EXIT_CODES.ok;
    }
    if (command.positionals === 'some' && parsed.positionals.length === 0) {
      throw new UsageError({
        message: `Missing argument: ${command.usage.split(' ').at(-1) ?? 'argument'}.`,
        command: command.name,
      });
    }
    const verbose = top.values.verbose === true || parsed.values.verbose === true;
    const context: CommandContext = {
      io: {
        stdout,
        stderr,
        env,
        cwd: io.cwd ?? process.cwd(),
        onSignal,
        stdin: io.stdin ?? process.stdin,
      },
      values: parsed.values,
      positionals: parsed.positionals,
      verbose,
      logger: createStderrLogger(stderr, verbose),
      secrets,
    };
    return await command.run(context);
  } catch (error) {
    stderr.write(formatErrorLine(error));
    return stoppedBy === undefined ? exitCodeFor(error) : exitCodeForSignal(stoppedBy);
  }
}

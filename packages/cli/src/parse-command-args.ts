import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { OptionSpec } from './command-spec.js';
import { UsageError } from './usage-error.js';

/** The result of {@link parseCommandArgs}. */
export interface ParsedArgs {
  /** Option values by long name. */
  values: Record<string, string | boolean | undefined>;
  /** Positional arguments, in order. */
  positionals: string[];
}

type ParseArgsOptions = NonNullable<ParseArgsConfig['options']>;

function toParseArgsOptions(options: Readonly<Record<string, OptionSpec>>): ParseArgsOptions {
  const result: ParseArgsOptions = {};
  for (const [name, spec] of Object.entries(options)) {
    result[name] =
      spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short };
  }
  return result;
}

function usageMessage(error: unknown, options: Readonly<Record<string, OptionSpec>>): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^'\s]+)/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const known = Object.keys(options)
        .map(name => `--${name}`)
        .join(', ');
      return `Unknown option '${option ?? message}' (known: ${known}).`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = /--([\w-]+)/.exec(message)?.[1];
      const spec = name === undefined ? undefined : options[name];
      if (spec?.type === 'string') {
        return `Option '--${name}' needs a value (--${name} ${spec.valueName ?? 'VALUE'}).`;
      }
      if (spec?.type === 'boolean') return `Option '--${name}' is a switch and takes no value.`;
      return message.split('\n')[0] ?? message;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument ${/'([^']*)'/.exec(message)?.[0] ?? ''}.`.replace(' .', '.');
    default:
      return message.split('\n')[0] ?? message;
  }
}

/**
 * Parses `argv` strictly with `util.parseArgs`: unknown options, missing values and (when
 * `allowPositionals` is false) stray arguments become a {@link UsageError} (exit code 2).
 *
 * @param command - the command name, for the error's help hint (undefined: top level).
 * @param stopAtPositional - stop at the first positional and return the rest untouched in
 *   `positionals` (top level: the command name and its arguments).
 */
export function parseCommandArgs(
  argv: readonly string[],
  options: Readonly<Record<string, OptionSpec>>,
  settings: { command?: string | undefined; allowPositionals: boolean; stopAtPositional?: boolean },
): ParsedArgs {
  let args = [...argv];
  let rest: string[] = [];
  if (settings.stopAtPositional === true) {
    const index = args.findIndex(arg => !arg.startsWith('-') || arg === '-');
    if (index >= 0) {
      rest = args.slice(index);
      args = args.slice(0, index);
    }
  }
  try {
    const parsed = parseArgs({
      args,
      options: toParseArgsOptions(options),
      strict: true,
      allowPositionals: settings.allowPositionals,
    });
    const values: Record<string, string | boolean | undefined> = {};
    for (const [key, value] of Object.entries(parsed.values)) {
      values[key] = Array.isArray(value) ? value.at(-1) : value;
    }
    return { values, positionals: [...parsed.positionals, ...rest] };
  } catch (error) {
    throw new UsageError({
      message: usageMessage(error, options),
      command: settings.command,
      cause: error,
    });
  }
}

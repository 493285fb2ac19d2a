import type { OptionSpec } from './command-spec.js';

/** Options every command accepts, before or after the command name. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = Object.freeze({
  help: { type: 'boolean', short: 'h', description: 'Show help (for the command, when given).' },
  verbose: {
    type: 'boolean',
    short: 'v',
    description: 'Debug logging to stderr: deployment resolution, retries, request ids.',
  },
});

/** Options only accepted before a command name. */
export const TOP_LEVEL_OPTIONS: Readonly<Record<string, OptionSpec>> = Object.freeze({
  ...GLOBAL_OPTIONS,
  version: { type: 'boolean', short: 'V', description: 'Print the version and exit.' },
});

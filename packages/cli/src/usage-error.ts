const MARKER = Symbol.for('amplifier-azure-openai.cli.usage-error');

/** Constructor options of {@link UsageError}. */
export interface UsageErrorOptions {
  /** What was wrong with the command line. */
  message: string;
  /** The command whose `--help` explains the usage (undefined: the global help). */
  command?: string | undefined;
  /** The underlying error (e.g. from `util.parseArgs`). */
  cause?: unknown;
}

/**
 * The command line could not be understood: an unknown command or flag, a missing or extra
 * argument, a bad flag value. Exit code 2. The message ends with where to find help.
 */
export class UsageError extends Error {
  /** The command the usage applies to, when known. */
  readonly command: string | undefined;

  /** @param options - message, command and cause. */
  constructor(options: UsageErrorOptions) {
    const help =
      options.command === undefined
        ? 'amplifier-azure-openai --help'
        : `amplifier-azure-openai ${options.command} --help`;
    super(
      `${options.message} Run '${help}' for usage.`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'UsageError';
    this.command = options.command;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True when `value` is a {@link UsageError} from any copy of this package. */
  static isInstance(value: unknown): value is UsageError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[MARKER] === true
    );
  }
}

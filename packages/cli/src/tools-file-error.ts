const MARKER = Symbol.for('amplifier-azure-openai.cli.tools-file-error');

/** Constructor options of {@link ToolsFileError}. */
export interface ToolsFileErrorOptions {
  /** The `--tools` path as given. */
  path: string;
  /** What is wrong with the file. Never quotes the file's text. */
  message: string;
  /** How to fix it. */
  fix: string;
  /** The underlying error (e.g. the file system error). */
  cause?: unknown;
}

/**
 * The `--tools` file is missing, not JSON, or not an array of tool specs. Exit code 2 (bad
 * input, like a configuration error). The message names the file and the offending entry.
 */
export class ToolsFileError extends Error {
  /** The `--tools` path as given. */
  readonly path: string;
  /** How to fix it. */
  readonly fix: string;

  /** @param options - path, message, fix and cause. */
  constructor(options: ToolsFileErrorOptions) {
    super(
      `${options.path}: ${options.message} Fix: ${options.fix}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'ToolsFileError';
    this.path = options.path;
    this.fix = options.fix;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True when `value` is a {@link ToolsFileError} from any copy of this package. */
  static isInstance(value: unknown): value is ToolsFileError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[MARKER] === true
    );
  }
}

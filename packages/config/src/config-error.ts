import type { ConfigProblem } from './types.js';

const CONFIG_ERROR_MARKER = Symbol.for('amplifier-azure-openai.config-error');

/** Keys whose absence makes the configuration unusable (see {@link ConfigError.isMissingRequired}). */
const REQUIRED_KEYS: ReadonlySet<string> = new Set(['azure_endpoint']);

/** Options of the {@link ConfigError} constructor. */
export interface ConfigErrorOptions {
  /** Every problem found (at least one). */
  problems: readonly ConfigProblem[];
  /** Overrides the generated summary message. */
  message?: string | undefined;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * The one error thrown by `resolveConfig` and `loadSettingsFile`. It carries every problem found,
 * not only the first; each has the key, the source, what is wrong and how to fix it. Messages never
 * contain secret values.
 *
 * Check for it with {@link ConfigError.isInstance} (or `error.name === 'ConfigError'`), not
 * `instanceof`: two copies of this package may be loaded.
 */
export class ConfigError extends Error {
  /** Every problem found. */
  readonly problems: readonly ConfigProblem[];
  /**
   * True when the only problems are missing required values (the Azure endpoint), so a host can
   * degrade gracefully ("not configured") instead of reporting a broken configuration.
   */
  readonly isMissingRequired: boolean;

  /**
   * @param options - the problems (copied and frozen), an optional message (default: a summary
   *   listing every problem with its fix) and an optional cause.
   */
  constructor(options: ConfigErrorOptions) {
    const problems = Object.freeze(options.problems.map(problem => Object.freeze({ ...problem })));
    super(options.message ?? formatProblems(problems), { cause: options.cause });
    this.name = 'ConfigError';
    this.problems = problems;
    this.isMissingRequired =
      problems.length > 0 &&
      problems.every(problem => problem.code === 'missing' && REQUIRED_KEYS.has(problem.key));
  }

  /** Marker that lets {@link ConfigError.isInstance} recognise errors from another copy of this package. */
  get [CONFIG_ERROR_MARKER](): true {
    return true;
  }

  /** True when `value` is a `ConfigError`, even one thrown by another copy of this package. */
  static isInstance(value: unknown): value is ConfigError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[CONFIG_ERROR_MARKER] === true
    );
  }
}

function formatProblems(problems: readonly ConfigProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map(problem => {
    const where = problem.path
      ? ` (${problem.path}${problem.line === undefined ? '' : `:${problem.line}`})`
      : '';
    return `- ${problem.key}${where}: ${problem.message} Fix: ${problem.fix}`;
  });
  return `Invalid Azure OpenAI configuration (${count}):\n${lines.join('\n')}`;
}

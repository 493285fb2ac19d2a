const MARKER = Symbol.for('amplifier-azure-openai.test-utils');

/** Machine-readable reason for a {@link TestUtilsError}. */
export type TestUtilsErrorCode =
  | 'repo-root-not-found'
  | 'shared-dir-not-found'
  | 'shared-path-outside'
  | 'shared-file-unreadable'
  | 'shared-file-invalid-json'
  | 'schema-not-found'
  | 'redis-server-not-found'
  | 'redis-server-failed';

/**
 * Error thrown by the test helpers when their environment is wrong (no repo root, no shared
 * directory, unreadable or malformed conformance file). The message says what was wrong and how
 * to fix it.
 */
export class TestUtilsError extends Error {
  /** Stable machine-readable reason. */
  readonly code: TestUtilsErrorCode;
  /** The file or directory the error is about, when there is one. */
  readonly path: string | undefined;

  constructor(options: {
    code: TestUtilsErrorCode;
    message: string;
    path?: string | undefined;
    cause?: unknown;
  }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TestUtilsError';
    this.code = options.code;
    this.path = options.path;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True when `value` is a {@link TestUtilsError} from any copy of this package. */
  static isInstance(value: unknown): value is TestUtilsError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}

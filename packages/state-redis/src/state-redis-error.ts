const MARKER = Symbol.for('amplifier-azure-openai.state-redis-error');

/** A misconfigured Redis state store (bad URL, bad option). Never carries the URL's password. */
export class StateRedisError extends Error {
  /** What to change. */
  readonly fix: string;
  /** The option at fault, e.g. `url`. */
  readonly option: string;

  constructor(init: { message: string; fix: string; option: string; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'StateRedisError';
    this.fix = init.fix;
    this.option = init.option;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True for a {@link StateRedisError} from any copy of this package. */
  static isInstance(value: unknown): value is StateRedisError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}

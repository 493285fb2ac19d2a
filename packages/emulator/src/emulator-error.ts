const MARKER = Symbol.for('amplifier-azure-openai.emulator-error');

/** Thrown for bad emulator options or fault specs: `message` says what was wrong, `fix` how to fix it. */
export class EmulatorError extends Error {
  override readonly name = 'EmulatorError';
  /** What to change. */
  readonly fix: string;
  /** The option or field at fault. */
  readonly field: string;

  constructor(options: { message: string; field: string; fix: string; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.fix = options.fix;
    this.field = options.field;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True for an `EmulatorError` from any copy of this package. */
  static isInstance(value: unknown): value is EmulatorError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}

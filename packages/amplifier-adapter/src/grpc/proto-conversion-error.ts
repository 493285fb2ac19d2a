const MARKER = Symbol.for('amplifier-azure-openai.proto-conversion-error');

/** Options of the {@link ProtoConversionError} constructor. */
export interface ProtoConversionErrorOptions {
  /** Path of the offending field, e.g. `messages[1].block_content.blocks[0].tool_call_block.input_json`. */
  field: string;
  /** What is wrong with it. */
  message: string;
  /** The underlying error (e.g. the `SyntaxError` from `JSON.parse`). */
  cause?: unknown;
}

/**
 * A gRPC request message could not be converted to Amplifier's native shape (invalid JSON in a
 * `*_json` field, a message without content, ...). The server answers it with `INVALID_ARGUMENT`
 * naming {@link ProtoConversionError.field}.
 */
export class ProtoConversionError extends Error {
  /** Path of the offending field. */
  readonly field: string;

  constructor(options: ProtoConversionErrorOptions) {
    super(`${options.field}: ${options.message}`, { cause: options.cause });
    this.name = 'ProtoConversionError';
    this.field = options.field;
  }

  /** Marker that lets {@link ProtoConversionError.isInstance} recognise copies of this class. */
  get [MARKER](): true {
    return true;
  }

  /** True when `value` is a `ProtoConversionError`, even from another copy of this package. */
  static isInstance(value: unknown): value is ProtoConversionError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[MARKER] === true
    );
  }
}

import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.context-length-exceeded';
const SYMBOL = Symbol.for(MARKER);

/** Constructor options of {@link ContextLengthExceededError}. */
export interface ContextLengthExceededErrorOptions extends AzureOpenAIErrorOptions {}

/**
 * The conversation is longer than the model's context window (HTTP 400 `context_length_exceeded`).
 * Compact or trim the conversation and try again.
 */
export class ContextLengthExceededError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;

  /** @param options - message and context; see {@link ContextLengthExceededErrorOptions}. */
  constructor(options: ContextLengthExceededErrorOptions) {
    super({ retryable: false, ...options });
    this.name = 'ContextLengthExceededError';
  }

  /** True when `value` is a {@link ContextLengthExceededError} from any copy of this package. */
  static override isInstance(value: unknown): value is ContextLengthExceededError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }
}

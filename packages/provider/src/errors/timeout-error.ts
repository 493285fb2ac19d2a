import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.timeout';
const SYMBOL = Symbol.for(MARKER);

/** Constructor options of {@link TimeoutError}. */
export interface TimeoutErrorOptions extends AzureOpenAIErrorOptions {}

/**
 * The request took longer than the configured `timeout` (seconds) or Azure answered 408. Retryable.
 */
export class TimeoutError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;

  /** @param options - message and context; see {@link TimeoutErrorOptions}. */
  constructor(options: TimeoutErrorOptions) {
    super({ retryable: true, ...options });
    this.name = 'TimeoutError';
  }

  /** True when `value` is a {@link TimeoutError} from any copy of this package. */
  static override isInstance(value: unknown): value is TimeoutError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }
}

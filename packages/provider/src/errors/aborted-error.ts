import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.aborted';
const SYMBOL = Symbol.for(MARKER);

/** Constructor options of {@link AbortedError}. */
export interface AbortedErrorOptions extends AzureOpenAIErrorOptions {}

/**
 * The caller cancelled the request through its `AbortSignal` (or the provider was closed while it
 * was in flight). Never retried.
 */
export class AbortedError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;

  /** @param options - message and context; see {@link AbortedErrorOptions}. */
  constructor(options: AbortedErrorOptions) {
    super({ retryable: false, ...options });
    this.name = 'AbortedError';
  }

  /** True when `value` is a {@link AbortedError} from any copy of this package. */
  static override isInstance(value: unknown): value is AbortedError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }
}

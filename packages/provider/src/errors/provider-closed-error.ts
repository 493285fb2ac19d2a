import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.provider-closed';
const SYMBOL = Symbol.for(MARKER);

/** Constructor options of {@link ProviderClosedError}. */
export interface ProviderClosedErrorOptions extends AzureOpenAIErrorOptions {}

/**
 * The provider was used after `close()`. Create a new provider.
 */
export class ProviderClosedError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;

  /** @param options - message and context; see {@link ProviderClosedErrorOptions}. */
  constructor(options: ProviderClosedErrorOptions) {
    super({ retryable: false, ...options });
    this.name = 'ProviderClosedError';
  }

  /** True when `value` is a {@link ProviderClosedError} from any copy of this package. */
  static override isInstance(value: unknown): value is ProviderClosedError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }
}

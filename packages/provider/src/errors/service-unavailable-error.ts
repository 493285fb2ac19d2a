import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.service-unavailable';
const SYMBOL = Symbol.for(MARKER);

/** Constructor options of {@link ServiceUnavailableError}. */
export interface ServiceUnavailableErrorOptions extends AzureOpenAIErrorOptions {}

/**
 * Azure failed or could not be reached (HTTP 5xx, or a connection error: `status` is then
 * undefined and `code` is `connection_error`). Retryable.
 */
export class ServiceUnavailableError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;

  /** @param options - message and context; see {@link ServiceUnavailableErrorOptions}. */
  constructor(options: ServiceUnavailableErrorOptions) {
    super({ retryable: true, ...options });
    this.name = 'ServiceUnavailableError';
  }

  /** True when `value` is a {@link ServiceUnavailableError} from any copy of this package. */
  static override isInstance(value: unknown): value is ServiceUnavailableError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }
}

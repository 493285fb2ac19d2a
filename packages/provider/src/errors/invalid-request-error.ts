import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.invalid-request';
const SYMBOL = Symbol.for(MARKER);

/** Constructor options of {@link InvalidRequestError}. */
export interface InvalidRequestErrorOptions extends AzureOpenAIErrorOptions {
  /** The request parameter Azure rejected. */
  param?: string | undefined;
}

/**
 * Azure rejected the request as invalid (HTTP 400 and other 4xx). `param` names the offending
 * parameter when Azure said which one.
 */
export class InvalidRequestError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;
  /** The request parameter Azure rejected (e.g. `temperature`), when it said. */
  readonly param: string | undefined;

  /** @param options - message and context; see {@link InvalidRequestErrorOptions}. */
  constructor(options: InvalidRequestErrorOptions) {
    super({ retryable: false, ...options });
    this.name = 'InvalidRequestError';
    this.param = options.param;
  }

  /** True when `value` is a {@link InvalidRequestError} from any copy of this package. */
  static override isInstance(value: unknown): value is InvalidRequestError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), param: this.param };
  }
}

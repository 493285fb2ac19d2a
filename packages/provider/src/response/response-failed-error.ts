import { AzureOpenAIError, type AzureOpenAIErrorOptions } from '../errors/azure-openai-error.js';
import type { StreamErrorInfo } from '../types.js';

const MARKER = 'amplifier-azure-openai.provider.response-failed';
const SYMBOL = Symbol.for(MARKER);

/** Error codes of a failed response that are worth retrying. */
const RETRYABLE_CODES = new Set([
  'server_error',
  'rate_limit_exceeded',
  'internal_error',
  'timeout',
]);

/** Constructor options of {@link ResponseFailedError}. */
export interface ResponseFailedErrorOptions extends Omit<AzureOpenAIErrorOptions, 'message'> {
  /** The error Azure reported (`response.error` of a failed response, or an `error` stream event). */
  error: StreamErrorInfo;
  /** Overrides the default message. */
  message?: string | undefined;
}

/**
 * Azure accepted the request but the response failed: a `response.failed` or `error` stream
 * event, or a response whose `status` is `failed` / `cancelled`. `info` holds Azure's error
 * (code, message, param); `code` is Azure's code, and `retryable` is true for
 * `server_error` / `rate_limit_exceeded`.
 */
export class ResponseFailedError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;
  /** The error as Azure reported it. */
  readonly info: StreamErrorInfo;
  /** The Responses response id, when known. */
  readonly responseId: string | undefined;

  /** @param options - see {@link ResponseFailedErrorOptions}. */
  constructor(options: ResponseFailedErrorOptions) {
    const { error, ...rest } = options;
    super({
      retryable: error.code !== undefined && RETRYABLE_CODES.has(error.code),
      code: error.code,
      ...rest,
      message:
        options.message ??
        `Azure OpenAI response failed${error.code === undefined ? '' : ` (${error.code})`}: ${error.message}`,
    });
    this.name = 'ResponseFailedError';
    this.info = error;
    this.responseId = error.response_id;
  }

  /** True when `value` is a {@link ResponseFailedError} from any copy of this package. */
  static override isInstance(value: unknown): value is ResponseFailedError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), responseId: this.responseId, param: this.info.param };
  }
}

import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.background-timeout';
const SYMBOL = Symbol.for(MARKER);

/** Constructor options of {@link BackgroundTimeoutError}. */
export interface BackgroundTimeoutErrorOptions extends AzureOpenAIErrorOptions {
  /** The background response that ran too long (`resp_...`). */
  responseId: string;
  /** Its last status (`queued` or `in_progress`). */
  lastStatus: string;
  /** Whether Azure confirmed the cancel request. */
  cancelled: boolean;
}

/**
 * A background response (`background: true`) did not finish within `background_timeout`: the
 * provider asked Azure to cancel it (`cancelled` says whether Azure confirmed) and gave up. Not
 * retried: sending again would start the same long work over.
 */
export class BackgroundTimeoutError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;
  /** The background response that ran too long. */
  readonly responseId: string;
  /** Its last polled status. */
  readonly lastStatus: string;
  /** Whether Azure confirmed the cancel request. */
  readonly cancelled: boolean;

  /** @param options - message and context; see {@link BackgroundTimeoutErrorOptions}. */
  constructor(options: BackgroundTimeoutErrorOptions) {
    const { responseId, lastStatus, cancelled, ...rest } = options;
    super({ code: 'background_timeout', ...rest, retryable: false });
    this.name = 'BackgroundTimeoutError';
    this.responseId = responseId;
    this.lastStatus = lastStatus;
    this.cancelled = cancelled;
  }

  /** True when `value` is a {@link BackgroundTimeoutError} from any copy of this package. */
  static override isInstance(value: unknown): value is BackgroundTimeoutError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }

  protected override details(): Record<string, unknown> {
    return {
      ...super.details(),
      responseId: this.responseId,
      lastStatus: this.lastStatus,
      cancelled: this.cancelled,
    };
  }
}

import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.redirect-refused';
const SYMBOL = Symbol.for(MARKER);

/** Constructor options of {@link RedirectRefusedError}. */
export interface RedirectRefusedErrorOptions extends AzureOpenAIErrorOptions {
  /** The origin (`scheme://host:port`) the answer redirected to; no path, no query. */
  locationOrigin?: string | undefined;
}

/**
 * Azure's address answered with a redirect (HTTP 3xx). The provider never follows one: the
 * request carried credentials, and they must not reach another origin. Not retryable.
 */
export class RedirectRefusedError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;
  /** The origin the answer redirected to; no path, no query. */
  readonly locationOrigin: string | undefined;

  /** @param options - message and context; see {@link RedirectRefusedErrorOptions}. */
  constructor(options: RedirectRefusedErrorOptions) {
    super({ ...options, retryable: false });
    this.name = 'RedirectRefusedError';
    this.locationOrigin = options.locationOrigin;
  }

  /** True when `value` is a {@link RedirectRefusedError} from any copy of this package. */
  static override isInstance(value: unknown): value is RedirectRefusedError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }

  /** @internal */
  protected override details(): Record<string, unknown> {
    return { ...super.details(), locationOrigin: this.locationOrigin };
  }
}

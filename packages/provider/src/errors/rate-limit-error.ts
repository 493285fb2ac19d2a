import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.rate-limit';
const SYMBOL = Symbol.for(MARKER);

/** Constructor options of {@link RateLimitError}. */
export interface RateLimitErrorOptions extends AzureOpenAIErrorOptions {
  /** Deployments that were throttled. */
  throttledDeployments?: readonly string[] | undefined;
}

/**
 * Azure throttled the request (HTTP 429) and the retries and failover targets are used up, or every
 * deployment for the model is cooling down. `retryAfterMs` is the soonest time a retry may succeed.
 * Quota exhaustion (`insufficient_quota`) is not retryable.
 */
export class RateLimitError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;
  /** Deployments that were throttled (in the order they were tried). */
  readonly throttledDeployments: readonly string[];

  /** @param options - message and context; see {@link RateLimitErrorOptions}. */
  constructor(options: RateLimitErrorOptions) {
    super({ retryable: true, ...options });
    this.name = 'RateLimitError';
    this.throttledDeployments = options.throttledDeployments ?? [];
  }

  /** True when `value` is a {@link RateLimitError} from any copy of this package. */
  static override isInstance(value: unknown): value is RateLimitError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), throttledDeployments: this.throttledDeployments };
  }
}

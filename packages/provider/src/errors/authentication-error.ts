import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.authentication';
const SYMBOL = Symbol.for(MARKER);

/** Constructor options of {@link AuthenticationError}. */
export interface AuthenticationErrorOptions extends AzureOpenAIErrorOptions {
  /** The auth method that was used (from `AuthStrategy.describe().method`). */
  authMethod?: string | undefined;
}

/**
 * Azure refused the credentials (HTTP 401/403), or no token could be obtained. The message says which
 * auth method was used and what to check.
 */
export class AuthenticationError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;
  /** The auth method that was used (`api-key`, `managed-identity`, ...). */
  readonly authMethod: string | undefined;

  /** @param options - message and context; see {@link AuthenticationErrorOptions}. */
  constructor(options: AuthenticationErrorOptions) {
    super({ retryable: false, ...options });
    this.name = 'AuthenticationError';
    this.authMethod = options.authMethod;
  }

  /** True when `value` is a {@link AuthenticationError} from any copy of this package. */
  static override isInstance(value: unknown): value is AuthenticationError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), authMethod: this.authMethod };
  }
}

import type { TlsFailureKind } from '@amplifier-azure-openai/auth';
import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.tls';
const SYMBOL = Symbol.for(MARKER);

/** Constructor options of {@link TlsError}. */
export interface TlsErrorOptions extends AzureOpenAIErrorOptions {
  /** Which TLS check failed. */
  tlsFailure: TlsFailureKind;
}

/**
 * TLS with Azure (or the proxy in between) failed: an untrusted certificate, an expired one, a
 * certificate for another host name, or plain HTTP on an `https://` address (`tlsFailure` says
 * which, `fix` what to do). Not retryable. Certificate verification is never turned off.
 */
export class TlsError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;
  /** Which TLS check failed. */
  readonly tlsFailure: TlsFailureKind;

  /** @param options - message, the failed check and context; see {@link TlsErrorOptions}. */
  constructor(options: TlsErrorOptions) {
    super({ ...options, retryable: false });
    this.name = 'TlsError';
    this.tlsFailure = options.tlsFailure;
  }

  /** True when `value` is a {@link TlsError} from any copy of this package. */
  static override isInstance(value: unknown): value is TlsError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }

  /** @internal */
  protected override details(): Record<string, unknown> {
    return { ...super.details(), tlsFailure: this.tlsFailure };
  }
}

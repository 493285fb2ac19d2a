import type { AuthMethod } from './auth-method.js';

const AUTH_ERROR_MARKER = Symbol.for('amplifier-azure-openai.auth-error');

/**
 * What went wrong, for programs (the message is for people):
 * - `no-credential`: no method configured ({@link NoCredentialConfiguredError}).
 * - `invalid-options`: an option has the wrong type or value.
 * - `identity-package-missing`: `@azure/identity` is needed but not installed.
 * - `identity-package-failed`: `@azure/identity` is installed but could not be loaded or used.
 * - `credential-unavailable`: the credential cannot run here (no managed identity on this host, not logged in, ...).
 * - `authentication-required`: an interactive sign-in is needed (`az login`).
 * - `authentication-failed`: the identity provider rejected the request.
 * - `network`: the token endpoint could not be reached.
 * - `token-endpoint-error`: the token endpoint answered with a server error (5xx); usually transient.
 * - `token-expired`: the static Entra ID token has expired.
 * - `invalid-token`: a credential returned no token or a malformed one.
 * - `wrong-method`: a bearer token was asked of the API key method.
 * - `tls`: TLS with the token endpoint failed (untrusted certificate, host name mismatch, plain
 *   HTTP on an https address); the message names which.
 * - `redirect-refused`: the token endpoint redirected to another origin; not followed.
 * - `closed`: the strategy was closed (`AuthStrategy.close()`); it gives no more credentials.
 */
export type AuthErrorCode =
  | 'no-credential'
  | 'invalid-options'
  | 'identity-package-missing'
  | 'identity-package-failed'
  | 'credential-unavailable'
  | 'authentication-required'
  | 'authentication-failed'
  | 'network'
  | 'token-endpoint-error'
  | 'token-expired'
  | 'invalid-token'
  | 'wrong-method'
  | 'tls'
  | 'redirect-refused'
  | 'closed';

/** Constructor options of {@link AzureAuthError}. */
export interface AzureAuthErrorOptions {
  /** What happened (no secret). The fix is appended to the message. */
  message: string;
  /** The method that failed (`none` when no method could be chosen). */
  method: AuthMethod | 'none';
  /** Machine-readable reason. */
  code: AuthErrorCode;
  /** How to fix it. */
  fix: string;
  /** The original error, e.g. from `@azure/identity`. */
  cause?: unknown;
}

/**
 * Every authentication failure of this package: names the method, carries the cause, and says
 * how to fix it. Never contains a key or token. Check with {@link AzureAuthError.isInstance}
 * (works across copies of the package), not `instanceof`.
 */
export class AzureAuthError extends Error {
  /** Stable error name. */
  override readonly name: string = 'AzureAuthError';
  /** The method that failed (`none` when no method could be chosen). */
  readonly method: AuthMethod | 'none';
  /** Machine-readable reason. */
  readonly code: AuthErrorCode;
  /** How to fix it (also the end of `message`). */
  readonly fix: string;

  /** @param options - message, method, code, fix and cause. */
  constructor(options: AzureAuthErrorOptions) {
    super(
      `${options.message}\nHow to fix: ${options.fix}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.method = options.method;
    this.code = options.code;
    this.fix = options.fix;
    Object.defineProperty(this, AUTH_ERROR_MARKER, { value: true });
  }

  /** True for any {@link AzureAuthError} (including subclasses), from any copy of this package. */
  static isInstance(value: unknown): value is AzureAuthError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[AUTH_ERROR_MARKER] === true
    );
  }

  /** A JSON view without the cause's internals. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      method: this.method,
      code: this.code,
      fix: this.fix,
    };
  }
}

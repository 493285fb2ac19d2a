/**
 * An access token as returned by a `TokenCredential` (structurally the same as `AccessToken`
 * from `@azure/core-auth`, so this package does not need it installed).
 */
export interface AccessTokenLike {
  /** The bearer token. */
  token: string;
  /** When the token expires, in milliseconds since the epoch. */
  expiresOnTimestamp: number;
  /** When the issuer suggests refreshing it, in milliseconds since the epoch (optional). */
  refreshAfterTimestamp?: number | undefined;
}

/**
 * An abort signal as `@azure/core-auth` describes it (`AbortSignalLike`); the platform
 * `AbortSignal` fits.
 */
export interface AbortSignalLike {
  /** Whether the signal has fired. */
  readonly aborted: boolean;
  /** Adds an `abort` listener. */
  addEventListener(
    type: 'abort',
    listener: (this: AbortSignalLike, event: unknown) => unknown,
    options?: unknown,
  ): void;
  /** Removes an `abort` listener. */
  removeEventListener(
    type: 'abort',
    listener: (this: AbortSignalLike, event: unknown) => unknown,
    options?: unknown,
  ): void;
}

/** Options passed to {@link TokenCredentialLike.getToken} (a subset of `GetTokenOptions`). */
export interface GetTokenOptionsLike {
  /** Cancels the token request. */
  abortSignal?: AbortSignalLike;
}

/**
 * Anything that can produce an access token for a scope: every credential of `@azure/identity`
 * (`DefaultAzureCredential`, `ManagedIdentityCredential`, `ClientSecretCredential`, ...) fits.
 */
export interface TokenCredentialLike {
  /** Returns a token for the scope(s), or `null` when the credential has none. */
  getToken(
    scopes: string | string[],
    options?: GetTokenOptionsLike,
  ): Promise<AccessTokenLike | null>;
}

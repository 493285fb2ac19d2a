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

/** Options passed to {@link TokenCredentialLike.getToken}. */
export interface GetTokenOptionsLike {
  /** Cancels the token request. */
  abortSignal?: AbortSignal | undefined;
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

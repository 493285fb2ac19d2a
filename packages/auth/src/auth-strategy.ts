import type { AuthMethod } from './auth-method.js';

/** What {@link AuthStrategy.describe} returns: which method and why, never the secret. */
export interface AuthDescription {
  /** The method in use. */
  method: AuthMethod;
  /**
   * Why this method was chosen, and which lower-priority settings were ignored, e.g.
   * `api-key: api_key is set (config or AZURE_OPENAI_API_KEY); azure_ad_token and use_managed_identity were ignored`.
   */
  reason: string;
  /** The token scope (token methods only). */
  tokenScope?: string | undefined;
  /** The user-assigned managed identity client id, when one is used. */
  managedIdentityClientId?: string | undefined;
}

/** Per-call options. */
export interface AuthRequestOptions {
  /** Stops this caller's wait at once (the shared token fetch continues for other callers). */
  signal?: AbortSignal | undefined;
}

/**
 * One chosen authentication method, ready to authenticate requests. Built by
 * {@link createAuthStrategy}. `toString`, `JSON.stringify` and `util.inspect` show only the
 * description, never a secret.
 */
export interface AuthStrategy {
  /** The method in use. */
  readonly method: AuthMethod;
  /** Which method and why (for logs and `doctor`); never the secret. */
  describe(): AuthDescription;
  /**
   * The headers to send with one request: `{ 'api-key': key }` for the API key, otherwise
   * `{ authorization: 'Bearer <token>' }`. Tokens are cached and refreshed ahead of expiry.
   * @throws AzureAuthError when no token can be obtained.
   */
  getAuthHeaders(options?: AuthRequestOptions): Promise<Record<string, string>>;
  /**
   * A bearer token (token methods only).
   * @throws AzureAuthError with code `wrong-method` for the API key method.
   */
  getBearerToken(options?: AuthRequestOptions): Promise<string>;
  /**
   * An adapter for the `openai` SDK: `new AzureOpenAI({ azureADTokenProvider: strategy.tokenProvider() })`.
   * @throws AzureAuthError with code `wrong-method` for the API key method (use `apiKey` there).
   */
  tokenProvider(): () => Promise<string>;
  /**
   * Forgets the cached token after Azure refused it (HTTP 401), so the next request gets a fresh
   * one. Returns `true` when the next token may differ (managed identity, DefaultAzureCredential,
   * a `credential`, a `tokenProvider`), `false` when nothing can change (an API key, or a static
   * `azure_ad_token`): then retrying is pointless.
   *
   * Caveat: `@azure/identity` credentials keep their own token cache (MSAL). For a managed
   * identity MSAL returns its cached token until shortly before it expires and `@azure/identity`
   * offers no way to bypass that, so a token the resource revoked can come back unchanged;
   * DefaultAzureCredential's developer credentials (Azure CLI, azd) behave the same. A
   * `credential` or `tokenProvider` of your own is asked again and decides itself.
   *
   * Optional, so strategies written before it existed still fit; the provider only retries a
   * 401 when it is present and returns `true`.
   */
  invalidate?(): boolean;
  /**
   * Releases the strategy; idempotent (later calls do nothing). It:
   * - cancels an in-flight token request: the HTTP request of the managed-identity and
   *   DefaultAzureCredential methods (its socket is closed), and the `abortSignal` given to your
   *   credential's `getToken` or the `signal` given to your `tokenProvider`;
   * - rejects callers still waiting for a token, and every later call, with an
   *   {@link AzureAuthError} with code `closed`;
   * - forgets the cached token.
   *
   * It does not close a credential you passed in (a `TokenCredential` has no close): a
   * credential that ignores `abortSignal` keeps its own request running. Call it when the
   * strategy is no longer needed (the provider calls it from its own `close()` for a strategy it
   * created). Returns `void` today; typed `void | Promise<void>` so a strategy may need to await.
   */
  close(): void | Promise<void>;
}

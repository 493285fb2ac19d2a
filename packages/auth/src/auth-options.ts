import type { IdentityModule } from './identity-module.js';
import type { Logger } from './logger.js';
import type { TokenCredentialLike } from './token-credential.js';

/** Anything holding a secret behind `reveal()`, such as `Secret` from `@amplifier-azure-openai/config`. */
export interface SecretLike {
  /** Returns the secret value. */
  reveal(): string;
}

/** Options passed to a {@link TokenProviderFunction}. */
export interface TokenProviderOptions {
  /** Aborted when the caller gives up waiting. */
  signal?: AbortSignal | undefined;
}

/** An async function returning a bearer token (called for every request; cache inside it if needed). */
export type TokenProviderFunction = (options?: TokenProviderOptions) => Promise<string>;

/**
 * Options of {@link createAuthStrategy}. The field names match `AzureOpenAIConfig` from
 * `@amplifier-azure-openai/config`, so `createAuthStrategy(resolved.config)` works as is; every
 * field is optional, so plain objects work too.
 *
 * Exactly one method is used, in this priority: `apiKey`, `azureAdToken`, `credential`,
 * `tokenProvider`, `useManagedIdentity`, `useDefaultCredential`. An object passed in code
 * (`credential` / `tokenProvider`) ranks above the two flags because it is the most explicit choice.
 */
export interface AuthOptions {
  /** API key (`api_key`; env `AZURE_OPENAI_API_KEY` or `AZURE_OPENAI_KEY`). Highest priority. Empty = unset. */
  apiKey?: string | SecretLike | undefined;
  /**
   * Azure API Management subscription key (`apim_subscription_key`; env
   * `AZURE_APIM_SUBSCRIPTION_KEY`), sent as the `Ocp-Apim-Subscription-Key` header: with the
   * method chosen from the other options, or alone (method `apim-subscription-key`) when none is
   * set. Empty = unset.
   */
  apimSubscriptionKey?: string | SecretLike | undefined;
  /** Static Microsoft Entra ID token (`azure_ad_token`; env `AZURE_OPENAI_AD_TOKEN`). An expired JWT is refused. */
  azureAdToken?: string | SecretLike | undefined;
  /** Use the managed identity of this host (`use_managed_identity`; env `AZURE_USE_MANAGED_IDENTITY`). Default `false`. */
  useManagedIdentity?: boolean | undefined;
  /** Use `DefaultAzureCredential` (`use_default_credential`; env `AZURE_USE_DEFAULT_CREDENTIAL`). Default `false`. */
  useDefaultCredential?: boolean | undefined;
  /**
   * Client id of a user-assigned managed identity (`managed_identity_client_id`; env
   * `AZURE_MANAGED_IDENTITY_CLIENT_ID`). Unset = system-assigned identity. With
   * `useDefaultCredential` it is passed as `managedIdentityClientId`.
   */
  managedIdentityClientId?: string | undefined;
  /** Your own credential (any `@azure/identity` credential). Programmatic only. */
  credential?: TokenCredentialLike | undefined;
  /** Your own async token function. Programmatic only; called for every request (no caching here). */
  tokenProvider?: TokenProviderFunction | undefined;
  /**
   * Token scope (`token_scope`; env `AZURE_OPENAI_TOKEN_SCOPE`).
   * Default `https://cognitiveservices.azure.com/.default`; change it for sovereign clouds.
   */
  tokenScope?: string | undefined;
  /**
   * Refresh a cached token this many seconds before it expires (`token_refresh_margin_seconds`).
   * Default 300. Capped at half the token's lifetime for short-lived tokens.
   */
  tokenRefreshMarginSeconds?: number | undefined;
  /**
   * Managed identity and DefaultAzureCredential only: cancel one HTTP request to the token
   * endpoint (IMDS, IDENTITY_ENDPOINT, Microsoft Entra ID) when it has no full answer after this
   * many seconds. Default 30. Programmatic (no config-file key). A cancelled request fails the
   * token fetch with code `network`; it is not retried by `@azure/identity`.
   */
  tokenRequestTimeoutSeconds?: number | undefined;
  /** Where to log (never secrets). Default: silent. */
  logger?: Logger | undefined;
  /** Clock in milliseconds since the epoch (tests). Default `Date.now`. */
  now?: (() => number) | undefined;
  /**
   * Loads `@azure/identity` (tests: inject a fake or simulate the package missing).
   * Default: `() => import('@azure/identity')`, called only when a managed-identity or
   * default-credential method is used.
   */
  loadIdentity?: (() => Promise<IdentityModule>) | undefined;
}

/** The default token scope for Azure OpenAI (Azure public cloud). */
export const DEFAULT_TOKEN_SCOPE = 'https://cognitiveservices.azure.com/.default';

/** The default bound of one token HTTP request, in seconds (managed identity, DefaultAzureCredential). */
export const DEFAULT_TOKEN_REQUEST_TIMEOUT_SECONDS = 30;

/** The default refresh margin in seconds. */
export const DEFAULT_TOKEN_REFRESH_MARGIN_SECONDS = 300;

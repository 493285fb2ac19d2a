/**
 * The authentication method a strategy uses, in priority order:
 *
 * 1. `api-key`: `api_key` / `AZURE_OPENAI_API_KEY` / `AZURE_OPENAI_KEY`, sent as the `api-key` header.
 * 2. `azure-ad-token`: a static Microsoft Entra ID token (`azure_ad_token` / `AZURE_OPENAI_AD_TOKEN`).
 * 3. `token-credential`: a `TokenCredential` passed programmatically (`options.credential`).
 * 4. `token-provider`: an async token function passed programmatically (`options.tokenProvider`).
 * 5. `managed-identity`: `use_managed_identity` / `AZURE_USE_MANAGED_IDENTITY` (needs `@azure/identity`).
 * 6. `default-credential`: `use_default_credential` / `AZURE_USE_DEFAULT_CREDENTIAL` (needs `@azure/identity`).
 * 7. `apim-subscription-key`: only an Azure API Management subscription key (`apim_subscription_key`
 *    / `AZURE_APIM_SUBSCRIPTION_KEY`), sent as `Ocp-Apim-Subscription-Key`; the gateway
 *    authenticates to Azure itself. With any method above, the subscription key is sent as well.
 */
export type AuthMethod =
  | 'api-key'
  | 'azure-ad-token'
  | 'token-credential'
  | 'token-provider'
  | 'managed-identity'
  | 'default-credential'
  | 'apim-subscription-key';

/** Every {@link AuthMethod}, highest priority first. */
export const AUTH_METHODS: readonly AuthMethod[] = Object.freeze([
  'api-key',
  'azure-ad-token',
  'token-credential',
  'token-provider',
  'managed-identity',
  'default-credential',
  'apim-subscription-key',
]);

/** Human label of a method for messages ("managed identity"). */
export function methodLabel(method: AuthMethod | 'none'): string {
  switch (method) {
    case 'api-key':
      return 'API key';
    case 'azure-ad-token':
      return 'static Entra ID token';
    case 'token-credential':
      return 'TokenCredential';
    case 'token-provider':
      return 'token provider';
    case 'managed-identity':
      return 'managed identity';
    case 'default-credential':
      return 'DefaultAzureCredential';
    case 'apim-subscription-key':
      return 'API Management subscription key';
    default:
      return 'authentication';
  }
}

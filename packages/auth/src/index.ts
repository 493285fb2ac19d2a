export type { AuthMethod } from './auth-method.js';
export { AUTH_METHODS } from './auth-method.js';
export type {
  AuthOptions,
  SecretLike,
  TokenProviderFunction,
  TokenProviderOptions,
} from './auth-options.js';
export {
  DEFAULT_TOKEN_REFRESH_MARGIN_SECONDS,
  DEFAULT_TOKEN_REQUEST_TIMEOUT_SECONDS,
  DEFAULT_TOKEN_SCOPE,
} from './auth-options.js';
export type { AuthDescription, AuthRequestOptions, AuthStrategy } from './auth-strategy.js';
export type { AuthErrorCode, AzureAuthErrorOptions } from './azure-auth-error.js';
export { AzureAuthError } from './azure-auth-error.js';
export { createAuthStrategy } from './create-auth-strategy.js';
export type { BearerTokenProviderOptions } from './get-bearer-token-provider.js';
export { getBearerTokenProvider } from './get-bearer-token-provider.js';
export type {
  DefaultAzureCredentialOptionsLike,
  IdentityHttpClientLike,
  IdentityModule,
  ManagedIdentityCredentialOptionsLike,
} from './identity-module.js';
export type { Logger } from './logger.js';
export type { NoCredentialConfiguredErrorOptions } from './no-credential-configured-error.js';
export {
  CREDENTIAL_CONFIGURATION_WAYS,
  NoCredentialConfiguredError,
} from './no-credential-configured-error.js';
export { redactText } from './redact-text.js';
export type { TlsFailure, TlsFailureKind } from './tls-failure.js';
export { describeTlsFailure } from './tls-failure.js';
export type {
  AbortSignalLike,
  AccessTokenLike,
  GetTokenOptionsLike,
  TokenCredentialLike,
} from './token-credential.js';
export { VERSION } from './version.js';

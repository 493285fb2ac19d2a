import { DEFAULT_TOKEN_REFRESH_MARGIN_SECONDS, DEFAULT_TOKEN_SCOPE } from './auth-options.js';
import { AzureAuthError } from './azure-auth-error.js';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';
import type { TokenCredentialLike } from './token-credential.js';
import { TokenCycler } from './token-cycler.js';
import { translateIdentityError } from './translate-identity-error.js';

/** Options of {@link getBearerTokenProvider}. */
export interface BearerTokenProviderOptions {
  /** Refresh this many seconds before expiry. Default 300. */
  tokenRefreshMarginSeconds?: number | undefined;
  /** Where to log (never tokens). Default: silent. */
  logger?: Logger | undefined;
  /** Clock in ms since the epoch (tests). Default `Date.now`. */
  now?: (() => number) | undefined;
}

/**
 * Like `getBearerTokenProvider` of `@azure/identity`: wraps any TokenCredential in a cached,
 * single-flight `() => Promise<string>` for `new AzureOpenAI({ azureADTokenProvider })`.
 * Failures become {@link AzureAuthError} (method `token-credential`).
 *
 * @param credential - any `@azure/identity` credential (or anything with `getToken`).
 * @param scopes - the token scope(s). Default `https://cognitiveservices.azure.com/.default`.
 */
export function getBearerTokenProvider(
  credential: TokenCredentialLike,
  scopes: string | string[] = DEFAULT_TOKEN_SCOPE,
  options: BearerTokenProviderOptions = {},
): () => Promise<string> {
  if (typeof credential?.getToken !== 'function') {
    throw new AzureAuthError({
      message: 'getBearerTokenProvider needs a TokenCredential (an object with getToken).',
      method: 'token-credential',
      code: 'invalid-options',
      fix: 'Pass a credential from @azure/identity, e.g. new DefaultAzureCredential().',
    });
  }
  const margin = options.tokenRefreshMarginSeconds ?? DEFAULT_TOKEN_REFRESH_MARGIN_SECONDS;
  if (!Number.isFinite(margin) || margin < 0) {
    throw new AzureAuthError({
      message: 'tokenRefreshMarginSeconds must be a finite number of seconds >= 0.',
      method: 'token-credential',
      code: 'invalid-options',
      fix: `Pass e.g. ${DEFAULT_TOKEN_REFRESH_MARGIN_SECONDS}, or leave it unset.`,
    });
  }
  const cycler = new TokenCycler({
    method: 'token-credential',
    now: options.now ?? Date.now,
    logger: options.logger ?? silentLogger,
    refreshMarginMs: margin * 1000,
    fetchToken: () => credential.getToken(scopes),
    translateError: (error, knownSecrets) =>
      translateIdentityError(error, { method: 'token-credential', knownSecrets }),
  });
  return () => cycler.getToken();
}

import { inspect } from 'node:util';
import { raceWithSignal, throwIfAborted } from './abort.js';
import type { AuthMethod } from './auth-method.js';
import { methodLabel } from './auth-method.js';
import type { AuthOptions, TokenProviderFunction } from './auth-options.js';
import type { AuthDescription, AuthRequestOptions, AuthStrategy } from './auth-strategy.js';
import { AzureAuthError } from './azure-auth-error.js';
import type { IdentityModule } from './identity-module.js';
import { defaultLoadIdentity, IDENTITY_PACKAGE, loadIdentityModule } from './identity-module.js';
import { readJwtExpiry } from './jwt-expiry.js';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';
import { RedactedValue } from './redacted-value.js';
import { readClientId, readSecretValue, selectAuthMethod } from './select-auth-method.js';
import type { TokenCredentialLike } from './token-credential.js';
import { TokenCycler } from './token-cycler.js';
import { translateIdentityError } from './translate-identity-error.js';
import { validateAuthOptions } from './validate-auth-options.js';

/** The resource for `az account get-access-token --resource` derived from a scope. */
function resourceOf(scope: string): string {
  return scope.replace(/\/\.default$/, '');
}

class AzureAuthStrategy implements AuthStrategy {
  readonly method: AuthMethod;
  readonly #description: AuthDescription;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #tokenScope: string;
  readonly #clientId: string | undefined;
  readonly #secret: RedactedValue | undefined;
  readonly #staticTokenExpiry: number | undefined;
  readonly #tokenProvider: TokenProviderFunction | undefined;
  readonly #cycler: TokenCycler | undefined;
  readonly #loadIdentity: () => Promise<IdentityModule>;
  #identityCredential: Promise<TokenCredentialLike> | undefined;

  constructor(options: AuthOptions) {
    const settings = validateAuthOptions(options);
    const selection = selectAuthMethod(options);
    this.method = selection.method;
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
    this.#tokenScope = settings.tokenScope;
    this.#loadIdentity = options.loadIdentity ?? defaultLoadIdentity;
    const method = selection.method;
    const usesIdentityClientId = method === 'managed-identity' || method === 'default-credential';
    this.#clientId = usesIdentityClientId
      ? readClientId(options.managedIdentityClientId)
      : undefined;
    this.#description = Object.freeze({
      method,
      reason: selection.reason,
      ...(method === 'api-key' ? {} : { tokenScope: settings.tokenScope }),
      ...(this.#clientId === undefined ? {} : { managedIdentityClientId: this.#clientId }),
    });

    const secretText =
      method === 'api-key'
        ? readSecretValue(options.apiKey)
        : method === 'azure-ad-token'
          ? readSecretValue(options.azureAdToken)
          : undefined;
    this.#secret = secretText === undefined ? undefined : new RedactedValue(secretText);
    this.#staticTokenExpiry =
      method === 'azure-ad-token' && secretText !== undefined
        ? readJwtExpiry(secretText)
        : undefined;
    this.#tokenProvider = method === 'token-provider' ? options.tokenProvider : undefined;

    const credential = method === 'token-credential' ? options.credential : undefined;
    this.#cycler =
      method === 'token-credential' || usesIdentityClientId
        ? new TokenCycler({
            method,
            now: this.#now,
            logger: this.#logger,
            refreshMarginMs: settings.refreshMarginMs,
            fetchToken: credential
              ? () => credential.getToken(this.#tokenScope)
              : async () => (await this.#getIdentityCredential()).getToken(this.#tokenScope),
            translateError: (error, knownSecrets) =>
              translateIdentityError(error, {
                method,
                managedIdentityClientId: this.#clientId,
                knownSecrets,
              }),
          })
        : undefined;

    this.#logger.info(`auth: using ${methodLabel(method)}`, {
      method,
      reason: selection.reason,
    });
    if (this.#staticTokenExpiry !== undefined) {
      const remainingMs = this.#staticTokenExpiry - this.#now();
      if (remainingMs > 0 && remainingMs <= settings.refreshMarginMs) {
        this.#logger.warn('auth: the static Entra ID token expires soon and cannot be refreshed', {
          method,
          expiresOn: new Date(this.#staticTokenExpiry).toISOString(),
        });
      }
    }
    Object.freeze(this);
  }

  describe(): AuthDescription {
    return { ...this.#description };
  }

  async getAuthHeaders(options: AuthRequestOptions = {}): Promise<Record<string, string>> {
    throwIfAborted(options.signal);
    if (this.method === 'api-key' && this.#secret !== undefined) {
      return { 'api-key': this.#secret.reveal() };
    }
    return { authorization: `Bearer ${await this.getBearerToken(options)}` };
  }

  async getBearerToken(options: AuthRequestOptions = {}): Promise<string> {
    throwIfAborted(options.signal);
    switch (this.method) {
      case 'api-key':
        throw this.#wrongMethodError();
      case 'azure-ad-token':
        return this.#staticToken();
      case 'token-provider':
        return this.#callTokenProvider(options.signal);
      default:
        return (this.#cycler as TokenCycler).getToken(options.signal);
    }
  }

  tokenProvider(): () => Promise<string> {
    if (this.method === 'api-key') throw this.#wrongMethodError();
    return () => this.getBearerToken();
  }

  toString(): string {
    return `AuthStrategy(${this.method})`;
  }

  toJSON(): AuthDescription {
    return this.describe();
  }

  [inspect.custom](): string {
    return `AuthStrategy ${inspect(this.describe())}`;
  }

  #wrongMethodError(): AzureAuthError {
    return new AzureAuthError({
      message:
        'The API key method has no bearer token: the key is sent as the api-key header (use getAuthHeaders()).',
      method: 'api-key',
      code: 'wrong-method',
      fix: "Use getAuthHeaders() for requests, or pass the key as the openai client's apiKey instead of azureADTokenProvider.",
    });
  }

  #staticToken(): string {
    const secret = this.#secret as RedactedValue;
    const expiry = this.#staticTokenExpiry;
    if (expiry !== undefined && this.#now() >= expiry) {
      throw new AzureAuthError({
        message: `The static Entra ID token (azure_ad_token / AZURE_OPENAI_AD_TOKEN) expired at ${new Date(expiry).toISOString()}; it was not sent.`,
        method: 'azure-ad-token',
        code: 'token-expired',
        fix: `Get a new token with \`az account get-access-token --resource ${resourceOf(this.#tokenScope)} --query accessToken -o tsv\` and set it as azure_ad_token (AZURE_OPENAI_AD_TOKEN). Static tokens last about an hour; for long-running use set use_default_credential = true after \`az login\` so tokens are refreshed automatically.`,
      });
    }
    return secret.reveal();
  }

  async #callTokenProvider(signal: AbortSignal | undefined): Promise<string> {
    const provider = this.#tokenProvider as TokenProviderFunction;
    let token: unknown;
    try {
      token = await raceWithSignal(
        Promise.resolve().then(() => provider(signal === undefined ? undefined : { signal })),
        signal,
      );
    } catch (error) {
      throw translateIdentityError(error, { method: 'token-provider' });
    }
    if (typeof token !== 'string' || token.trim() === '') {
      throw new AzureAuthError({
        message:
          'The tokenProvider function returned no token (it must resolve to a non-empty string).',
        method: 'token-provider',
        code: 'invalid-token',
        fix: 'Make tokenProvider resolve to the bearer token string, e.g. getBearerTokenProvider(credential, scope).',
      });
    }
    return token;
  }

  #getIdentityCredential(): Promise<TokenCredentialLike> {
    if (this.#identityCredential === undefined) {
      const created = this.#createIdentityCredential();
      this.#identityCredential = created;
      created.catch(() => {
        // Let a later call retry (e.g. after the package was installed).
        if (this.#identityCredential === created) this.#identityCredential = undefined;
      });
    }
    return this.#identityCredential;
  }

  async #createIdentityCredential(): Promise<TokenCredentialLike> {
    const identity = await loadIdentityModule(this.#loadIdentity, this.method);
    const clientId = this.#clientId;
    try {
      if (this.method === 'managed-identity') {
        return clientId === undefined
          ? new identity.ManagedIdentityCredential()
          : new identity.ManagedIdentityCredential({ clientId });
      }
      return clientId === undefined
        ? new identity.DefaultAzureCredential()
        : new identity.DefaultAzureCredential({ managedIdentityClientId: clientId });
    } catch (error) {
      if (error instanceof TypeError) {
        throw new AzureAuthError({
          message: `The ${methodLabel(this.method)} credential of ${IDENTITY_PACKAGE} could not be created: ${error.message}`,
          method: this.method,
          code: 'identity-package-failed',
          fix: `Install a supported version: npm install ${IDENTITY_PACKAGE}@^4 (or pnpm add ${IDENTITY_PACKAGE}@^4).`,
          cause: error,
        });
      }
      throw translateIdentityError(error, {
        method: this.method,
        managedIdentityClientId: clientId,
      });
    }
  }
}

/**
 * Picks exactly one authentication method from the options (the resolved config object works
 * as is) and returns a ready {@link AuthStrategy}. Priority: `apiKey`, `azureAdToken`,
 * `credential`, `tokenProvider`, `useManagedIdentity`, `useDefaultCredential`.
 * `@azure/identity` is loaded only on the first token request of the managed-identity or
 * default-credential methods.
 *
 * @example
 * ```ts
 * const auth = createAuthStrategy(resolveConfig().config);
 * console.log(auth.describe().reason);
 * const headers = await auth.getAuthHeaders(); // { 'api-key': ... } or { authorization: 'Bearer ...' }
 * ```
 * @throws NoCredentialConfiguredError when no method is configured (lists every way to configure one).
 * @throws AzureAuthError with code `invalid-options` when an option has the wrong type.
 */
export function createAuthStrategy(options: AuthOptions): AuthStrategy {
  return new AzureAuthStrategy(options);
}

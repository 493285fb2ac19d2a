import { inspect } from 'node:util';
import { anySignal, raceWithSignal, sharedAbortController, throwIfAborted } from './abort.js';
import type { AuthMethod } from './auth-method.js';
import { methodLabel } from './auth-method.js';
import type { AuthOptions, TokenProviderFunction } from './auth-options.js';
import type { AuthDescription, AuthRequestOptions, AuthStrategy } from './auth-strategy.js';
import { AzureAuthError } from './azure-auth-error.js';
import type { IdentityHttpClientLike, IdentityModule } from './identity-module.js';
import { defaultLoadIdentity, IDENTITY_PACKAGE, loadIdentityModule } from './identity-module.js';
import { readJwtExpiry } from './jwt-expiry.js';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';
import { RedactedValue } from './redacted-value.js';
import { readClientId, readSecretValue, selectAuthMethod } from './select-auth-method.js';
import type { AccessTokenLike, TokenCredentialLike } from './token-credential.js';
import { TokenCycler } from './token-cycler.js';
import {
  runWithTokenRequestContext,
  type TokenRequestContext,
  tokenRequestHttpClient,
} from './token-request-http-client.js';
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
  /** The API Management subscription key, sent with every request when set. */
  readonly #subscriptionKey: RedactedValue | undefined;
  readonly #staticTokenExpiry: number | undefined;
  readonly #tokenProvider: TokenProviderFunction | undefined;
  readonly #cycler: TokenCycler | undefined;
  readonly #loadIdentity: () => Promise<IdentityModule>;
  readonly #tokenRequestTimeoutMs: number;
  /** Aborted (with an AzureAuthError `closed`) by close(). */
  readonly #closing = sharedAbortController();
  #identityCredential: Promise<TokenCredentialLike> | undefined;

  constructor(options: AuthOptions) {
    const settings = validateAuthOptions(options);
    const selection = selectAuthMethod(options);
    this.method = selection.method;
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
    this.#tokenScope = settings.tokenScope;
    this.#tokenRequestTimeoutMs = settings.tokenRequestTimeoutMs;
    this.#loadIdentity = options.loadIdentity ?? defaultLoadIdentity;
    const method = selection.method;
    const usesIdentityClientId = method === 'managed-identity' || method === 'default-credential';
    this.#clientId = usesIdentityClientId
      ? readClientId(options.managedIdentityClientId)
      : undefined;
    this.#description = Object.freeze({
      method,
      reason: selection.reason,
      ...(method === 'api-key' || method === 'apim-subscription-key'
        ? {}
        : { tokenScope: settings.tokenScope }),
      ...(this.#clientId === undefined ? {} : { managedIdentityClientId: this.#clientId }),
    });

    const secretText =
      method === 'api-key'
        ? readSecretValue(options.apiKey)
        : method === 'azure-ad-token'
          ? readSecretValue(options.azureAdToken)
          : undefined;
    this.#secret = secretText === undefined ? undefined : new RedactedValue(secretText);
    const subscriptionKey = readSecretValue(options.apimSubscriptionKey);
    this.#subscriptionKey =
      subscriptionKey === undefined ? undefined : new RedactedValue(subscriptionKey);
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
            fetchToken: () => this.#fetchToken(credential),
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
    // The caller's own abort wins: a call cancelled with its signal reports that, not `closed`.
    throwIfAborted(options.signal);
    this.#throwIfClosed();
    const gateway = this.#subscriptionKey;
    if (this.method === 'apim-subscription-key' && gateway !== undefined) {
      return { 'Ocp-Apim-Subscription-Key': gateway.reveal() };
    }
    const headers: Record<string, string> =
      this.method === 'api-key' && this.#secret !== undefined
        ? { 'api-key': this.#secret.reveal() }
        : { authorization: `Bearer ${await this.getBearerToken(options)}` };
    if (gateway !== undefined) headers['Ocp-Apim-Subscription-Key'] = gateway.reveal();
    return headers;
  }

  async getBearerToken(options: AuthRequestOptions = {}): Promise<string> {
    // The caller's own abort wins: a call cancelled with its signal reports that, not `closed`.
    throwIfAborted(options.signal);
    this.#throwIfClosed();
    switch (this.method) {
      case 'api-key':
      case 'apim-subscription-key':
        throw this.#wrongMethodError();
      case 'azure-ad-token':
        return this.#staticToken();
      case 'token-provider':
        return this.#callTokenProvider(options.signal);
      default:
        // The caller's signal releases this caller; close() releases every caller.
        return raceWithSignal(
          (this.#cycler as TokenCycler).getToken(options.signal),
          this.#closing.signal,
        );
    }
  }

  close(): void {
    if (this.#closing.signal.aborted) return;
    this.#closing.abort(this.#closedError());
    this.#cycler?.clear();
    this.#logger.debug('auth: closed', { method: this.method });
  }

  invalidate(): boolean {
    if (this.#closing.signal.aborted) return false;
    switch (this.method) {
      case 'api-key':
      case 'azure-ad-token':
        return false;
      case 'token-provider':
        // Nothing is cached here: the function is called for every request.
        return true;
      default:
        this.#cycler?.clear();
        this.#logger.info('auth: cached token dropped after Azure refused it; fetching a new one', {
          method: this.method,
        });
        return true;
    }
  }

  tokenProvider(): () => Promise<string> {
    if (this.method === 'api-key' || this.method === 'apim-subscription-key') {
      throw this.#wrongMethodError();
    }
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
    if (this.method === 'apim-subscription-key') {
      return new AzureAuthError({
        message:
          'The API Management subscription key method has no bearer token: the key is sent as the Ocp-Apim-Subscription-Key header (use getAuthHeaders()).',
        method: 'apim-subscription-key',
        code: 'wrong-method',
        fix: 'Use getAuthHeaders() for requests, or configure a token method (use_managed_identity, use_default_credential, azure_ad_token) as well.',
      });
    }
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

  async #callTokenProvider(callerSignal: AbortSignal | undefined): Promise<string> {
    const provider = this.#tokenProvider as TokenProviderFunction;
    const { signal, dispose } = anySignal([callerSignal, this.#closing.signal]);
    let token: unknown;
    try {
      token = await raceWithSignal(
        Promise.resolve().then(() => provider({ signal })),
        signal,
      );
    } catch (error) {
      throw translateIdentityError(error, { method: 'token-provider' });
    } finally {
      dispose();
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

  /**
   * One token fetch of the cycler. The strategy's close signal goes to getToken (for credentials
   * that honour it) and, through the token HTTP client's context, to every HTTP request the
   * managed-identity and DefaultAzureCredential credentials send (they ignore abortSignal).
   */
  async #fetchToken(credential: TokenCredentialLike | undefined): Promise<AccessTokenLike | null> {
    const context: TokenRequestContext = {
      signal: this.#closing.signal,
      timeoutMs: this.#tokenRequestTimeoutMs,
    };
    try {
      this.#throwIfClosed();
      const source = credential ?? (await this.#getIdentityCredential());
      this.#throwIfClosed();
      return await runWithTokenRequestContext(context, () =>
        source.getToken(this.#tokenScope, { abortSignal: context.signal }),
      );
    } catch (error) {
      if (this.#closing.signal.aborted) throw this.#closedError(error);
      if (context.timedOut !== undefined) {
        const seconds = context.timedOut.timeoutMs / 1000;
        throw new AzureAuthError({
          message: `The token request to ${context.timedOut.origin} got no answer within ${seconds} s and was cancelled (${methodLabel(this.method)}).`,
          method: this.method,
          code: 'network',
          fix: 'Check that the token endpoint (IMDS at 169.254.169.254, IDENTITY_ENDPOINT on App Service and Functions, or Microsoft Entra ID) is reachable and answering, then retry. Raise tokenRequestTimeoutSeconds if the endpoint is just slow.',
          cause: error,
        });
      }
      if (context.transportFailure !== undefined) {
        // The credential library reports these as a bare network error: name the real cause.
        throw translateIdentityError(context.transportFailure, {
          method: this.method,
          managedIdentityClientId: this.#clientId,
        });
      }
      throw error;
    }
  }

  #throwIfClosed(): void {
    if (this.#closing.signal.aborted) throw this.#closedError();
  }

  #closedError(cause?: unknown): AzureAuthError {
    return new AzureAuthError({
      message: `The auth strategy (${methodLabel(this.method)}) was closed; it gives no more credentials.`,
      method: this.method,
      code: 'closed',
      fix: 'Create a new strategy (createAuthStrategy) or provider instead of using a closed one, and close it only when nothing uses it any more.',
      ...(cause === undefined ? {} : { cause }),
    });
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
      // Our HTTP client: @azure/identity 4.x ignores getToken's abortSignal for managed identity
      // (MSAL gets no signal), but sends every token request through options.httpClient.
      const httpClient = tokenRequestHttpClient as unknown as IdentityHttpClientLike;
      if (this.method === 'managed-identity') {
        return clientId === undefined
          ? new identity.ManagedIdentityCredential({ httpClient })
          : new identity.ManagedIdentityCredential({ clientId, httpClient });
      }
      return clientId === undefined
        ? new identity.DefaultAzureCredential({ httpClient })
        : new identity.DefaultAzureCredential({ managedIdentityClientId: clientId, httpClient });
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

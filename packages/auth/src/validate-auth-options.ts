import type { AuthOptions } from './auth-options.js';
import {
  DEFAULT_TOKEN_REFRESH_MARGIN_SECONDS,
  DEFAULT_TOKEN_REQUEST_TIMEOUT_SECONDS,
  DEFAULT_TOKEN_SCOPE,
} from './auth-options.js';
import { AzureAuthError } from './azure-auth-error.js';

/** The checked, defaulted settings shared by every method. */
export interface ValidatedAuthSettings {
  /** Token scope. */
  tokenScope: string;
  /** Refresh margin in ms. */
  refreshMarginMs: number;
  /** Bound of one token HTTP request in ms. */
  tokenRequestTimeoutMs: number;
}

function invalid(message: string, fix: string): AzureAuthError {
  return new AzureAuthError({ message, method: 'none', code: 'invalid-options', fix });
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/**
 * Checks the option types (never printing a secret value) and applies the defaults.
 * @throws AzureAuthError with code `invalid-options`.
 */
export function validateAuthOptions(options: AuthOptions): ValidatedAuthSettings {
  if (typeof options !== 'object' || options === null) {
    throw invalid(
      `createAuthStrategy expects an options object, received ${describeType(options)}.`,
      'Pass the resolved config (createAuthStrategy(resolved.config)) or an object such as { apiKey } or { useManagedIdentity: true }.',
    );
  }
  for (const key of ['apiKey', 'azureAdToken', 'apimSubscriptionKey'] as const) {
    const value: unknown = options[key];
    if (
      value !== undefined &&
      value !== null &&
      typeof value !== 'string' &&
      typeof (value as { reveal?: unknown }).reveal !== 'function'
    ) {
      throw invalid(
        `${key} must be a string or a Secret (an object with reveal()), received ${describeType(value)}.`,
        `Pass ${key} as a string or a Secret.`,
      );
    }
  }
  for (const key of ['useManagedIdentity', 'useDefaultCredential'] as const) {
    const value: unknown = options[key];
    if (value !== undefined && typeof value !== 'boolean') {
      throw invalid(
        `${key} must be a boolean, received ${describeType(value)}.`,
        `Pass ${key}: true or false (resolveConfig converts "true"/"false" from env vars).`,
      );
    }
  }
  const clientId: unknown = options.managedIdentityClientId;
  if (clientId !== undefined && typeof clientId !== 'string') {
    throw invalid(
      `managedIdentityClientId must be a string, received ${describeType(clientId)}.`,
      'Pass the client id (a GUID) of the user-assigned managed identity as a string.',
    );
  }
  const credential: unknown = options.credential;
  if (
    credential !== undefined &&
    (typeof credential !== 'object' ||
      credential === null ||
      typeof (credential as { getToken?: unknown }).getToken !== 'function')
  ) {
    throw invalid(
      'credential must be a TokenCredential (an object with getToken(scopes, options)).',
      'Pass a credential from @azure/identity, e.g. new DefaultAzureCredential().',
    );
  }
  const provider: unknown = options.tokenProvider;
  if (provider !== undefined && typeof provider !== 'function') {
    throw invalid(
      `tokenProvider must be a function returning Promise<string>, received ${describeType(provider)}.`,
      'Pass an async function, e.g. getBearerTokenProvider(credential, scope).',
    );
  }
  const scope: unknown = options.tokenScope;
  if (scope !== undefined && (typeof scope !== 'string' || scope.trim() === '')) {
    throw invalid(
      'tokenScope must be a non-empty string.',
      `Set token_scope (AZURE_OPENAI_TOKEN_SCOPE) to a scope such as ${DEFAULT_TOKEN_SCOPE}, or leave it unset.`,
    );
  }
  const margin: unknown = options.tokenRefreshMarginSeconds;
  if (
    margin !== undefined &&
    (typeof margin !== 'number' || !Number.isFinite(margin) || margin < 0)
  ) {
    throw invalid(
      `tokenRefreshMarginSeconds must be a finite number of seconds >= 0, received ${typeof margin === 'number' ? String(margin) : describeType(margin)}.`,
      `Set token_refresh_margin_seconds to e.g. ${DEFAULT_TOKEN_REFRESH_MARGIN_SECONDS}, or leave it unset.`,
    );
  }
  const timeout: unknown = options.tokenRequestTimeoutSeconds;
  if (
    timeout !== undefined &&
    (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0)
  ) {
    throw invalid(
      `tokenRequestTimeoutSeconds must be a finite number of seconds > 0, received ${typeof timeout === 'number' ? String(timeout) : describeType(timeout)}.`,
      `Set tokenRequestTimeoutSeconds to e.g. ${DEFAULT_TOKEN_REQUEST_TIMEOUT_SECONDS}, or leave it unset.`,
    );
  }
  for (const key of ['now', 'loadIdentity'] as const) {
    const value: unknown = options[key];
    if (value !== undefined && typeof value !== 'function') {
      throw invalid(`${key} must be a function.`, `Pass a function as ${key}, or leave it unset.`);
    }
  }
  return {
    tokenScope: typeof scope === 'string' ? scope.trim() : DEFAULT_TOKEN_SCOPE,
    refreshMarginMs: (margin ?? DEFAULT_TOKEN_REFRESH_MARGIN_SECONDS) * 1000,
    tokenRequestTimeoutMs: (timeout ?? DEFAULT_TOKEN_REQUEST_TIMEOUT_SECONDS) * 1000,
  };
}

import { AuthenticationError } from '../errors/authentication-error.js';
import type { AzureOpenAIError } from '../errors/azure-openai-error.js';

/** The auth methods whose tokens can be fetched again (never an API key or a static token). */
const REFRESHABLE: ReadonlySet<string> = new Set([
  'managed-identity',
  'default-credential',
  'token-credential',
  'token-provider',
]);

/** The part of the auth strategy the 401 refresh needs. */
export interface InvalidatableAuth {
  readonly method: string;
  invalidate?(): boolean;
}

/**
 * True when `error` is Azure refusing a bearer token (HTTP 401) of a method that can fetch a new
 * one; 403 (the identity lacks a role) and API keys are never retried.
 */
export function isRefusedToken(error: AzureOpenAIError, auth: InvalidatableAuth): boolean {
  return (
    error.status === 401 && AuthenticationError.isInstance(error) && REFRESHABLE.has(auth.method)
  );
}

/**
 * Drops the strategy's cached token after a 401 so the request can be sent once more with a fresh
 * one. Returns whether a retry makes sense (the strategy has `invalidate` and says the token may
 * change).
 */
export function invalidateToken(auth: InvalidatableAuth): boolean {
  try {
    return typeof auth.invalidate === 'function' && auth.invalidate() === true;
  } catch {
    return false;
  }
}

/**
 * The error for a second 401 after the token was refreshed: says so, keeps Azure's status, code
 * and request ids, and explains what to check (role, resource, and the managed-identity cache).
 */
export function refreshedTokenRefused(
  error: AzureOpenAIError,
  method: string,
): AuthenticationError {
  const managed = method === 'managed-identity' || method === 'default-credential';
  return new AuthenticationError({
    status: error.status,
    code: error.code,
    requestId: error.requestId,
    clientRequestId: error.clientRequestId,
    deployment: error.deployment,
    endpoint: error.endpoint,
    model: error.model,
    authMethod: method,
    message: `Azure OpenAI refused the token (HTTP 401) again after it was refreshed (auth method: ${method}): ${error.message}`,
    fix: `${error.fix ?? ''}${error.fix ? ' ' : ''}The token was dropped and fetched again once, and Azure still refused it.${
      managed
        ? ' @azure/identity (MSAL) caches managed-identity and developer-tool tokens and may hand back the same token until it nears expiry; restarting the process clears that cache.'
        : ''
    }`,
    cause: error,
  });
}

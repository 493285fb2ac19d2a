import { isAbortError } from './abort.js';
import type { AuthMethod } from './auth-method.js';
import { methodLabel } from './auth-method.js';
import type { AuthErrorCode } from './azure-auth-error.js';
import { AzureAuthError } from './azure-auth-error.js';
import { redactText } from './redact-text.js';
import { describeTlsFailure } from './tls-failure.js';

/** Context of a failed token request. */
export interface IdentityErrorContext {
  /** The method that was running. */
  method: AuthMethod;
  /** The user-assigned managed identity client id, if any. */
  managedIdentityClientId?: string | undefined;
  /** Values that must not appear in the message (tokens already seen). */
  knownSecrets?: readonly string[] | undefined;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  'REQUEST_SEND_ERROR',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'network_error',
]);

const AZ_LOGIN_FIX =
  'Sign in with `az login` (for a specific tenant: `az login --tenant <tenant-id>`), then retry.';
const WSL_NOTE =
  'On WSL2 there is no IMDS endpoint: set use_default_credential = true (AZURE_USE_DEFAULT_CREDENTIAL=true) and run `az login`.';
const NO_IDENTITY_FIX = `This host has no managed identity. Run on an Azure resource with a managed identity enabled (App Service, Functions, Container Apps, AKS, VM), or for local development set use_default_credential = true (AZURE_USE_DEFAULT_CREDENTIAL=true) instead of use_managed_identity and run \`az login\`. ${WSL_NOTE}`;
const WRONG_CLIENT_ID_FIX =
  'Check managed_identity_client_id (AZURE_MANAGED_IDENTITY_CLIENT_ID): it must be the client id (not the object or resource id) of a user-assigned identity attached to this resource. Remove it to use the system-assigned identity.';
const DEFAULT_CREDENTIAL_FIX = `DefaultAzureCredential found no usable credential. For local development run \`az login\`; for a service principal set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET; on Azure enable a managed identity. ${WSL_NOTE}`;
const NETWORK_FIX = `Check network access to the token endpoint (IMDS at 169.254.169.254, or IDENTITY_ENDPOINT on App Service and Functions) and any proxy settings, then retry. ${WSL_NOTE}`;

interface ErrorFacts {
  /** A TLS failure anywhere in the chain. */
  tls?: ReturnType<typeof describeTlsFailure>;
  names: Set<string>;
  codes: Set<string>;
  statusCodes: Set<number>;
  messages: string[];
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** Collects names, codes, status codes and messages from an error, its causes and aggregated errors. */
function collectFacts(error: unknown, facts: ErrorFacts, depth = 0): ErrorFacts {
  if (depth > 6 || typeof error !== 'object' || error === null) {
    if (typeof error === 'string') facts.messages.push(error);
    return facts;
  }
  const name = property(error, 'name');
  if (typeof name === 'string') facts.names.add(name);
  for (const key of ['code', 'errorCode']) {
    const code = property(error, key);
    if (typeof code === 'string') facts.codes.add(code);
  }
  for (const key of ['statusCode', 'status']) {
    const status = property(error, key);
    if (typeof status === 'number') facts.statusCodes.add(status);
  }
  const message = property(error, 'message');
  if (typeof message === 'string') facts.messages.push(message);
  collectFacts(property(error, 'cause'), facts, depth + 1);
  const errors = property(error, 'errors');
  if (Array.isArray(errors)) {
    for (const inner of errors) collectFacts(inner, facts, depth + 1);
  }
  return facts;
}

function firstMessage(error: unknown): string {
  const message = property(error, 'message');
  if (typeof message === 'string' && message.trim() !== '') return message.trim();
  return String(error);
}

function truncate(text: string, max = 600): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}

interface Classification {
  code: AuthErrorCode;
  summary: string;
  fix: string;
}

function classify(facts: ErrorFacts, context: IdentityErrorContext): Classification {
  const { method } = context;
  const allMessages = facts.messages.join('\n');
  const userAssigned = context.managedIdentityClientId !== undefined;
  const isNetwork =
    [...facts.codes].some(code => NETWORK_CODES.has(code)) ||
    /network unreachable|fetch failed|socket hang up/i.test(allMessages);
  const identityNotFound =
    /identity not found|not found.*identity|unable to load the proper managed identity|invalid.*client.?id|unknown.*client|no (user-assigned|managed) identity|AADSTS700016/i.test(
      allMessages,
    );

  if (facts.codes.has('REDIRECT_REFUSED') || /refused to follow a redirect/i.test(allMessages)) {
    return {
      code: 'redirect-refused',
      summary: 'the token endpoint redirected to another origin, which is never followed',
      fix: 'Check IDENTITY_ENDPOINT / MSI_ENDPOINT, AZURE_AUTHORITY_HOST and any proxy: a token endpoint does not redirect to another host.',
    };
  }
  const tls = facts.tls;
  if (tls !== undefined) {
    return { code: 'tls', summary: tls.message.replace(/\.$/, ''), fix: tls.fix };
  }
  if (facts.names.has('AuthenticationRequiredError')) {
    return {
      code: 'authentication-required',
      summary: 'an interactive sign-in is required',
      fix: AZ_LOGIN_FIX,
    };
  }
  if (
    userAssigned &&
    (identityNotFound || (facts.statusCodes.has(400) && !isNetwork)) &&
    (method === 'managed-identity' || method === 'default-credential')
  ) {
    return {
      code: 'authentication-failed',
      summary: `the user-assigned identity with client id ${context.managedIdentityClientId} was not found`,
      fix: WRONG_CLIENT_ID_FIX,
    };
  }
  const serverStatus = [...facts.statusCodes].find(status => status >= 500 && status <= 599);
  if (serverStatus !== undefined && !facts.names.has('AggregateAuthenticationError')) {
    return {
      code: 'token-endpoint-error',
      summary: `the token endpoint answered with a server error (HTTP ${serverStatus})`,
      fix: 'This is usually transient: retry later. If it persists, check the health of the identity endpoint (IMDS, or IDENTITY_ENDPOINT on App Service and Functions) or of Microsoft Entra ID.',
    };
  }
  if (method === 'default-credential' && !isNetwork) {
    const notLoggedIn = /az login|not logged in|please run 'az login'/i.test(allMessages);
    return {
      code: facts.names.has('AuthenticationError')
        ? 'authentication-failed'
        : 'credential-unavailable',
      summary: notLoggedIn
        ? 'no credential in the chain could get a token (the Azure CLI is not logged in)'
        : 'no credential in the chain could get a token',
      fix: DEFAULT_CREDENTIAL_FIX,
    };
  }
  if (isNetwork) {
    return {
      code: 'network',
      summary: 'the token endpoint could not be reached',
      fix: method === 'managed-identity' ? NO_IDENTITY_FIX : NETWORK_FIX,
    };
  }
  if (method === 'managed-identity') {
    if (facts.names.has('AuthenticationError')) {
      return {
        code: 'authentication-failed',
        summary: 'the managed identity endpoint rejected the request',
        fix: userAssigned ? WRONG_CLIENT_ID_FIX : NO_IDENTITY_FIX,
      };
    }
    return {
      code: 'credential-unavailable',
      summary: 'no managed identity is available on this host',
      fix: NO_IDENTITY_FIX,
    };
  }
  if (facts.names.has('CredentialUnavailableError')) {
    return {
      code: 'credential-unavailable',
      summary: 'the credential is not available in this environment',
      fix: `Check how the credential you passed is configured; for the Azure CLI credential: ${AZ_LOGIN_FIX}`,
    };
  }
  if (facts.names.has('AuthenticationError') || facts.names.has('AggregateAuthenticationError')) {
    return {
      code: 'authentication-failed',
      summary: 'the identity provider rejected the request',
      fix: 'Check the credential configuration (tenant, client id, secret or certificate) and that token_scope is right for your cloud.',
    };
  }
  return {
    code: 'authentication-failed',
    summary: 'the token request failed',
    fix:
      method === 'token-provider'
        ? 'Check the tokenProvider function you passed (see the cause).'
        : 'Check the credential configuration and the cause.',
  };
}

/**
 * Turns an error from `@azure/identity` (matched by `name`: CredentialUnavailableError,
 * AuthenticationRequiredError, AuthenticationError, AggregateAuthenticationError), a network
 * error, or anything thrown by a user's credential into one {@link AzureAuthError} that names
 * the method, keeps the cause and gives the usual fix. Abort errors and existing
 * {@link AzureAuthError}s are returned unchanged.
 */
export function translateIdentityError(error: unknown, context: IdentityErrorContext): unknown {
  if (AzureAuthError.isInstance(error) || isAbortError(error)) return error;
  const facts = collectFacts(error, {
    names: new Set(),
    codes: new Set(),
    statusCodes: new Set(),
    messages: [],
  });
  facts.tls = describeTlsFailure(error, 'the token endpoint');
  const { code, summary, fix } = classify(facts, context);
  const causeText = truncate(redactText(firstMessage(error), context.knownSecrets ?? []));
  return new AzureAuthError({
    message: `Azure OpenAI authentication with ${methodLabel(context.method)} failed: ${summary}. Cause: ${causeText}`,
    method: context.method,
    code,
    fix,
    cause: error,
  });
}

import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { ResponseFailedError } from '../response/response-failed-error.js';
import { readRetryAfter } from '../retry/retry-after.js';
import { AbortedError } from './aborted-error.js';
import { AuthenticationError } from './authentication-error.js';
import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';
import {
  ContentFilterError,
  describeContentFilterCategories,
  parseContentFilterResult,
} from './content-filter-error.js';
import { ContextLengthExceededError } from './context-length-exceeded-error.js';
import { DeploymentNotFoundError } from './deployment-not-found-error.js';
import { InvalidRequestError } from './invalid-request-error.js';
import { RateLimitError } from './rate-limit-error.js';
import { ServiceUnavailableError } from './service-unavailable-error.js';
import { StreamInterruptedError } from './stream-interrupted-error.js';
import { TimeoutError } from './timeout-error.js';
import { retypeResponseFailed, translateResponseFailure } from './translate-stream-error.js';
import { redirectRefusedErrorOf, tlsErrorOf } from './translate-transport-error.js';

/** The auth method in use, as `AuthStrategy.describe()` reports it (never a secret). */
export interface AuthContext {
  method: string;
  reason?: string | undefined;
  tokenScope?: string | undefined;
  managedIdentityClientId?: string | undefined;
}

/** What the provider knew about the request when it failed; used to write helpful messages. */
export interface ErrorContext {
  /** The model the caller asked for. */
  model?: string | undefined;
  /** The deployment the request went to. */
  deployment?: string | undefined;
  /** The endpoint the request went to. */
  endpoint?: string | undefined;
  /** The resolution rule that chose the deployment (`mapping`, `default`, `passthrough`). */
  rule?: string | undefined;
  /** The auth method in use. */
  auth?: AuthContext | undefined;
  /** Current time in epoch ms, for HTTP-date `retry-after`. Default `Date.now()`. */
  now?: number | undefined;
  /** Azure's request id of the answer, when known (errors without response headers). */
  requestId?: string | undefined;
  /** The `x-ms-client-request-id` sent with the request. */
  clientRequestId?: string | undefined;
}

interface AzureErrorBody {
  code?: unknown;
  message?: unknown;
  param?: unknown;
  type?: unknown;
  innererror?: unknown;
}

/**
 * Translates anything thrown while calling Azure (the `openai` SDK's `APIError` subclasses,
 * `APIConnectionError`, `APIConnectionTimeoutError`, `APIUserAbortError`, auth failures, stream
 * interruptions, abort reasons) into one of this package's typed errors. Errors that are already
 * {@link AzureOpenAIError}s are returned unchanged. Never copies request headers or credentials.
 */
export function translateError(error: unknown, context: ErrorContext = {}): AzureOpenAIError {
  if (AzureOpenAIError.isInstance(error)) {
    const typed = ResponseFailedError.isInstance(error) ? retypeResponseFailed(error) : error;
    return stampCorrelation(typed, context);
  }
  const base = baseOptions(context);

  if (error instanceof APIUserAbortError || isAbortLike(error)) {
    return new AbortedError({ ...base, message: 'The request was cancelled.', cause: error });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new TimeoutError({
      ...base,
      code: 'timeout',
      message: `Azure OpenAI did not answer in time${where(context)}.`,
      fix: 'Raise `timeout` (seconds) in the provider config, or ask for shorter answers.',
      cause: error,
    });
  }
  if (error instanceof APIConnectionError) {
    const tls = tlsErrorOf(error, context.endpoint, base);
    if (tls !== undefined) return tls;
    return new ServiceUnavailableError({
      ...base,
      code: 'connection_error',
      message: `Could not connect to Azure OpenAI${where(context)}: ${error.message}`,
      fix: 'Check `azure_endpoint`, DNS and network access to the resource.',
      cause: error,
    });
  }
  if (error instanceof APIError) return translateApiError(error, context, base);
  if (isNamed(error, 'StreamInterruptedError')) {
    return new StreamInterruptedError({
      ...base,
      message: `${messageOf(error)} The partial answer was discarded.`,
      cause: error,
    });
  }
  if (isAuthFailure(error)) {
    const method = context.auth?.method ?? stringField(error, 'method');
    return new AuthenticationError({
      ...base,
      authMethod: method,
      code: 'credential_unavailable',
      message: `Could not get credentials for Azure OpenAI (auth method: ${method ?? 'unknown'}): ${messageOf(error)}`,
      fix: stringField(error, 'fix') ?? authFix(method),
      cause: error,
    });
  }
  return new AzureOpenAIError({
    ...base,
    message: `Unexpected error calling Azure OpenAI${where(context)}: ${messageOf(error)}`,
    cause: error,
  });
}

function translateApiError(
  error: APIError,
  context: ErrorContext,
  base: AzureOpenAIErrorOptions,
): AzureOpenAIError {
  const body = (
    typeof error.error === 'object' && error.error !== null ? error.error : {}
  ) as AzureErrorBody;
  const status = error.status;
  const code = typeof body.code === 'string' ? body.code : (error.code ?? undefined);
  const param = typeof body.param === 'string' ? body.param : (error.param ?? undefined);
  const azureMessage =
    typeof body.message === 'string' && body.message !== '' ? body.message : error.message;
  const headers = error.headers;
  const requestId =
    headers?.get('apim-request-id') ??
    headers?.get('x-request-id') ??
    error.requestID ??
    context.requestId ??
    undefined;
  const retryAfter = readRetryAfter(headers, context.now);
  const common: AzureOpenAIErrorOptions = {
    ...base,
    message: azureMessage,
    status,
    code,
    requestId,
    clientRequestId: base.clientRequestId ?? headers?.get('x-ms-client-request-id') ?? undefined,
    retryAfterMs: retryAfter?.ms,
    retryAfterSource: retryAfter?.source,
    cause: error,
  };
  if (status === undefined) {
    // An `error` event inside a stream (flat or with a nested `error` object).
    const { message: _message, ...rest } = common;
    return translateResponseFailure(
      {
        code: typeof body.code === 'string' ? body.code : undefined,
        type: typeof body.type === 'string' ? body.type : undefined,
        message: azureMessage,
        param,
      },
      rest,
    );
  }
  const innererror = (
    typeof body.innererror === 'object' && body.innererror !== null ? body.innererror : {}
  ) as Record<string, unknown>;

  if (status !== undefined && status >= 300 && status < 400) {
    return redirectRefusedErrorOf(status, headers?.get('location'), context.endpoint, common);
  }
  if (status === 401 || status === 403) {
    const method = context.auth?.method;
    const reason = context.auth?.reason ? `, ${context.auth.reason}` : '';
    return new AuthenticationError({
      ...common,
      authMethod: method,
      message: `Azure OpenAI refused the credentials (HTTP ${status}) for auth method ${method ?? 'unknown'}${reason}${where(context)}: ${azureMessage}`,
      fix: authFix(method, status, context.auth?.tokenScope),
    });
  }
  if (status === 404 && param !== undefined && code !== 'DeploymentNotFound') {
    // e.g. "Item with id 'rs_1' not found" (param: input): the request, not the deployment.
    return new InvalidRequestError({
      ...common,
      param,
      message: `Azure OpenAI could not find something the request refers to (HTTP 404, parameter '${param}')${where(context)}: ${azureMessage}`,
      fix: `Check '${param}': with store=false, earlier items must be sent in full (with encrypted content), not by id.`,
    });
  }
  if (status === 404) {
    const isDeployment = code === 'DeploymentNotFound' || /deployment/i.test(azureMessage);
    const chosen = context.deployment
      ? `model '${context.model ?? context.deployment}' resolved to deployment '${context.deployment}' (rule: ${context.rule ?? 'unknown'})`
      : 'no deployment was resolved';
    return new DeploymentNotFoundError({
      ...common,
      rule: context.rule,
      message: isDeployment
        ? `Azure OpenAI has no deployment '${context.deployment ?? '?'}'${where(context)}: ${chosen}. Azure said: ${azureMessage}`
        : `Azure OpenAI answered 404 (not found)${where(context)}: ${chosen}. Azure said: ${azureMessage}`,
      fix: isDeployment
        ? 'Create the deployment in the Azure portal, or map the model to an existing deployment in `deployment_mapping` (or set `default_deployment`).'
        : 'Check `azure_endpoint` and `api_version` (the Responses API needs the v1 surface or 2025-03-01-preview or later), then the deployment name.',
    });
  }
  if (status === 429) {
    const quota = code === 'insufficient_quota';
    return new RateLimitError({
      ...common,
      retryable: !quota,
      message: `Azure OpenAI throttled the request (HTTP 429)${where(context)}: ${azureMessage}`,
      fix: quota
        ? 'The quota of the resource is used up: raise it in the Azure portal.'
        : 'Wait and retry, add failover deployments in `deployment_mapping`, or raise the deployment quota (TPM/RPM).',
      throttledDeployments: context.deployment ? [context.deployment] : [],
    });
  }
  if (status === 408) {
    return new TimeoutError({
      ...common,
      message: `Azure OpenAI timed out (HTTP 408): ${azureMessage}`,
    });
  }
  if (status !== undefined && status >= 500) {
    return new ServiceUnavailableError({
      ...common,
      retryable: status !== 501,
      message: `Azure OpenAI failed (HTTP ${status})${where(context)}: ${azureMessage}`,
      fix: 'Usually transient: retried automatically; if it persists check the Azure status page.',
    });
  }
  const contentFilterResult =
    innererror.content_filter_result ?? (body as Record<string, unknown>).content_filter_result;
  if (
    code === 'content_filter' ||
    code === 'ResponsibleAIPolicyViolation' ||
    innererror.code === 'ResponsibleAIPolicyViolation' ||
    contentFilterResult !== undefined
  ) {
    const categories = parseContentFilterResult(contentFilterResult);
    return new ContentFilterError({
      ...common,
      categories,
      message: `Azure OpenAI's content filter blocked the prompt (${describeContentFilterCategories(categories)}): ${azureMessage}`,
      fix: 'Rephrase the prompt, or review the content filter configuration of the deployment.',
    });
  }
  if (
    code === 'context_length_exceeded' ||
    /maximum context length|context window|too many tokens/i.test(azureMessage)
  ) {
    return new ContextLengthExceededError({
      ...common,
      code: code ?? 'context_length_exceeded',
      message: `The conversation is too long for ${context.deployment ? `deployment '${context.deployment}'` : 'the model'}: ${azureMessage}`,
      fix: 'Compact or trim the conversation, or lower `max_tokens`.',
    });
  }
  if (status >= 400 && status < 500 && status !== 409) {
    return new InvalidRequestError({
      ...common,
      param,
      message: `Azure OpenAI rejected the request (HTTP ${status}${param ? `, parameter '${param}'` : ''})${where(context)}: ${azureMessage}`,
      fix: param
        ? `Check the value of '${param}' for this deployment.`
        : 'Check the request against the Responses API.',
    });
  }
  return new AzureOpenAIError({
    ...common,
    retryable: status === 409,
    message: `Azure OpenAI answered HTTP ${status}${where(context)}: ${azureMessage}`,
  });
}

function baseOptions(context: ErrorContext): AzureOpenAIErrorOptions {
  return {
    message: '',
    deployment: context.deployment,
    endpoint: context.endpoint,
    model: context.model,
    requestId: context.requestId,
    clientRequestId: context.clientRequestId,
  };
}

/**
 * Fills the request ids of an error built before they were known (e.g. while parsing the
 * answer). The fields are readonly for users; only this translation fills a missing one.
 */
function stampCorrelation(error: AzureOpenAIError, context: ErrorContext): AzureOpenAIError {
  const writable = error as {
    -readonly [K in 'requestId' | 'clientRequestId']: string | undefined;
  };
  if (writable.clientRequestId === undefined && context.clientRequestId !== undefined) {
    writable.clientRequestId = context.clientRequestId;
  }
  if (writable.requestId === undefined && context.requestId !== undefined) {
    writable.requestId = context.requestId;
  }
  return error;
}

function where(context: ErrorContext): string {
  if (context.deployment && context.endpoint)
    return ` (deployment '${context.deployment}' at ${context.endpoint})`;
  if (context.deployment) return ` (deployment '${context.deployment}')`;
  if (context.endpoint) return ` (${context.endpoint})`;
  return '';
}

function authFix(method: string | undefined, status?: number, tokenScope?: string): string {
  switch (method) {
    case 'api-key':
      return 'Check that `api_key` / AZURE_OPENAI_API_KEY is a current key (Keys and Endpoint blade) of the same resource as `azure_endpoint`.';
    case 'azure-ad-token':
      return 'The Entra token in `azure_ad_token` / AZURE_OPENAI_AD_TOKEN may have expired or be for another audience; it must be for `https://cognitiveservices.azure.com/.default`.';
    case 'managed-identity':
    case 'default-credential':
    case 'token-credential':
    case 'token-provider':
      return `Check that the identity has the "Cognitive Services OpenAI User" role on the resource${status === 403 ? ' (403: the identity is known but lacks access)' : ''}, that \`managed_identity_client_id\` is right for a user-assigned identity, and that the token scope is ${tokenScope ?? 'https://cognitiveservices.azure.com/.default'}.`;
    default:
      return 'Check the credentials (api_key, azure_ad_token or managed identity) and that they belong to the resource in `azure_endpoint`.';
  }
}

function isAbortLike(error: unknown): boolean {
  return isNamed(error, 'AbortError') || isNamed(error, 'AbortedError');
}

function isAuthFailure(error: unknown): boolean {
  return (
    isNamed(error, 'AzureAuthError') ||
    isNamed(error, 'NoCredentialConfiguredError') ||
    (typeof error === 'object' &&
      error !== null &&
      String((error as { name?: unknown }).name).endsWith('AuthError'))
  );
}

function isNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

function stringField(error: unknown, field: string): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return String(error);
}

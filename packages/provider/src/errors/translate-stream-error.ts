import { ResponseFailedError } from '../response/response-failed-error.js';
import { retryAfterFromMessage } from '../retry/rate-limit-reset.js';
import type { StreamErrorInfo } from '../types.js';
import { AbortedError } from './aborted-error.js';
import type { AzureOpenAIError, AzureOpenAIErrorOptions } from './azure-openai-error.js';
import { ContentFilterError } from './content-filter-error.js';
import { ContextLengthExceededError } from './context-length-exceeded-error.js';
import { InvalidRequestError } from './invalid-request-error.js';
import { RateLimitError } from './rate-limit-error.js';
import { ServiceUnavailableError } from './service-unavailable-error.js';
import { TimeoutError } from './timeout-error.js';

/** What went wrong inside an accepted response (an `error` event, `response.failed`, `status: failed`). */
export interface ResponseFailure {
  /** Azure's / OpenAI's error code (`insufficient_quota`, `rate_limit_exceeded`, `server_error`, ...). */
  code?: string | undefined;
  /** The error `type`, which some payloads send instead of (or as well as) a code. */
  type?: string | undefined;
  message: string;
  param?: string | undefined;
  /** The Responses response id, when known. */
  responseId?: string | undefined;
}

const QUOTA = new Set(['insufficient_quota', 'quota_exceeded', 'billing_hard_limit_reached']);
const THROTTLED = new Set(['rate_limit_exceeded', 'rate_limit_error', 'too_many_requests', '429']);
const CONTENT_FILTER = new Set([
  'content_filter',
  'content_filter_error',
  'responsibleaipolicyviolation',
  'content_policy_violation',
  'image_content_policy_violation',
]);
const CONTEXT = new Set(['context_length_exceeded', 'string_above_max_length']);
const SERVER = new Set([
  'server_error',
  'internal_error',
  'internalservererror',
  'api_error',
  'service_unavailable',
  'serviceunavailable',
  'overloaded',
  'engine_overloaded',
  'overloaded_error',
  '500',
  '502',
  '503',
]);
const TIMEOUT = new Set(['timeout', 'vector_store_timeout', 'request_timeout', '408']);
const CONTEXT_MESSAGE = /maximum context length|context window|too many tokens/i;

/** The failure of a Responses `error` event or `response.failed` event, as {@link ResponseFailure}. */
export function failureOf(info: StreamErrorInfo): ResponseFailure {
  return {
    code: info.code,
    type: info.type,
    message: info.message,
    param: info.param,
    responseId: info.response_id,
  };
}

/**
 * Types a failure Azure reported inside an accepted response (an in-stream `error` event, flat or
 * with a nested `error` object, `response.failed`, or a response with `status: failed`) the same
 * way as the HTTP error it stands for:
 *
 * | code (or type) | error |
 * |---|---|
 * | `rate_limit_exceeded` | {@link RateLimitError} (retryable; wait from the message when stated) |
 * | `insufficient_quota` | {@link RateLimitError}, not retryable, code `insufficient_quota` |
 * | `content_filter`, `ResponsibleAIPolicyViolation`, `*_policy_violation` | {@link ContentFilterError} |
 * | `context_length_exceeded` (or a "maximum context length" message) | {@link ContextLengthExceededError} |
 * | `server_error`, `internal_error`, `service_unavailable`, `overloaded` | {@link ServiceUnavailableError} (retryable) |
 * | `timeout`, `vector_store_timeout` | {@link TimeoutError} (retryable) |
 * | `cancelled` | {@link AbortedError} |
 * | `invalid_*`, `image_*`, `unsupported_*`, type `invalid_request_error` | {@link InvalidRequestError} |
 * | anything else | {@link ResponseFailedError} (code kept) |
 *
 * @param failure - what Azure reported.
 * @param base - context fields for the error (deployment, endpoint, model, request ids, cause).
 */
export function translateResponseFailure(
  failure: ResponseFailure,
  base: Omit<AzureOpenAIErrorOptions, 'message'>,
): AzureOpenAIError {
  const code = failure.code ?? failure.type;
  const key = (code ?? '').toLowerCase();
  const type = (failure.type ?? '').toLowerCase();
  const azure = failure.message;
  const inStream = failure.responseId === undefined ? '' : ` (response ${failure.responseId})`;
  const where = base.deployment === undefined ? '' : ` from deployment '${base.deployment}'`;
  const common: AzureOpenAIErrorOptions = { ...base, code, message: azure };

  if (QUOTA.has(key) || QUOTA.has(type)) {
    return new RateLimitError({
      ...common,
      code: 'insufficient_quota',
      retryable: false,
      message: `Azure OpenAI stopped the answer${where}${inStream}: the quota is used up (insufficient_quota): ${azure}`,
      fix: 'The quota of the resource is used up: raise it in the Azure portal (Quotas), or check the billing of the subscription.',
      throttledDeployments: base.deployment === undefined ? [] : [base.deployment],
    });
  }
  if (THROTTLED.has(key) || THROTTLED.has(type)) {
    const hint = retryAfterFromMessage(azure);
    return new RateLimitError({
      ...common,
      retryAfterMs: base.retryAfterMs ?? hint?.ms,
      retryAfterSource: base.retryAfterSource ?? hint?.source,
      message: `Azure OpenAI throttled the answer${where}${inStream} (rate_limit_exceeded): ${azure}`,
      fix: 'Wait and retry, add failover deployments in `deployment_mapping`, or raise the deployment quota (TPM/RPM).',
      throttledDeployments: base.deployment === undefined ? [] : [base.deployment],
    });
  }
  if (CONTENT_FILTER.has(key) || CONTENT_FILTER.has(type)) {
    return new ContentFilterError({
      ...common,
      message: `Azure OpenAI's content filter stopped the answer${where}${inStream}: ${azure}`,
      fix: 'Rephrase the prompt, or review the content filter configuration of the deployment.',
    });
  }
  if (CONTEXT.has(key) || CONTEXT_MESSAGE.test(azure)) {
    return new ContextLengthExceededError({
      ...common,
      code: code ?? 'context_length_exceeded',
      message: `The conversation is too long for ${base.deployment ? `deployment '${base.deployment}'` : 'the model'}${inStream}: ${azure}`,
      fix: 'Compact or trim the conversation, or lower `max_tokens`.',
    });
  }
  if (SERVER.has(key) || SERVER.has(type)) {
    return new ServiceUnavailableError({
      ...common,
      message: `Azure OpenAI failed mid-answer${where}${inStream} (${code}): ${azure}`,
      fix: 'Usually transient: retried automatically; if it persists check the Azure status page.',
    });
  }
  if (TIMEOUT.has(key)) {
    return new TimeoutError({
      ...common,
      retryable: true,
      message: `Azure OpenAI timed out mid-answer${where}${inStream} (${code}): ${azure}`,
      fix: 'Retry; raise `timeout` or ask for a shorter answer if it keeps happening.',
    });
  }
  if (key === 'cancelled') {
    return new AbortedError({
      ...common,
      message: `Azure OpenAI cancelled the response${inStream}: ${azure}`,
    });
  }
  if (
    type === 'invalid_request_error' ||
    /^(invalid_|image_|unsupported_|empty_image|failed_to_download)/.test(key)
  ) {
    return new InvalidRequestError({
      ...common,
      param: failure.param,
      message: `Azure OpenAI rejected the request mid-answer${where}${inStream} (${code})${failure.param ? `, parameter '${failure.param}'` : ''}: ${azure}`,
      fix: failure.param
        ? `Check the value of '${failure.param}' for this deployment.`
        : 'Check the request against the Responses API.',
    });
  }
  return new ResponseFailedError({
    ...base,
    error: {
      message: azure,
      ...(failure.code === undefined ? {} : { code: failure.code }),
      ...(failure.type === undefined ? {} : { type: failure.type }),
      ...(failure.param === undefined ? {} : { param: failure.param }),
      ...(failure.responseId === undefined ? {} : { response_id: failure.responseId }),
    },
  });
}

/**
 * A {@link ResponseFailedError} (from parsing a `status: failed` response, or the stream
 * accumulator) re-typed by its code with {@link translateResponseFailure}; unknown codes stay as
 * they are.
 */
export function retypeResponseFailed(error: ResponseFailedError): AzureOpenAIError {
  const typed = translateResponseFailure(failureOf(error.info), {
    status: error.status,
    requestId: error.requestId,
    clientRequestId: error.clientRequestId,
    deployment: error.deployment,
    endpoint: error.endpoint,
    model: error.model,
    cause: error.cause,
  });
  return ResponseFailedError.isInstance(typed) ? error : typed;
}

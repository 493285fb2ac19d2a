import type { status as GrpcStatus, Metadata } from '@grpc/grpc-js';
import { grpcJs } from './grpc-runtime.js';
import { ProtoConversionError } from './proto-conversion-error.js';

/** A gRPC status for a failed call: what the server sends (grpc-js `Partial<StatusObject>`). */
export interface GrpcErrorStatus {
  /** The gRPC status code. */
  code: GrpcStatus;
  /** The status message: `<ErrorName>: <message> (<facts>)`. */
  details: string;
  /** Same as `details` (grpc-js reads `message` when `details` is absent). */
  message: string;
  /** Trailing metadata: `x-error-name`, `x-error-code`, `x-request-id`, `x-client-request-id`, `x-retry-after-ms`, `x-retryable`, ... */
  metadata: Metadata;
}

/**
 * The gRPC status codes (fixed by the gRPC specification), so that this module needs no
 * `@grpc/grpc-js` at import time. The `satisfies` clause checks them against grpc-js's enum.
 */
const Status = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const satisfies { readonly [K in keyof typeof GrpcStatus]: (typeof GrpcStatus)[K] };

/** The `amplifier.module.ProviderErrorType` name for an error kind (sent as `x-provider-error-type`). */
type ProviderErrorType =
  | 'PROVIDER_ERROR_TYPE_AUTH'
  | 'PROVIDER_ERROR_TYPE_RATE_LIMIT'
  | 'PROVIDER_ERROR_TYPE_CONTEXT_LENGTH'
  | 'PROVIDER_ERROR_TYPE_INVALID_REQUEST'
  | 'PROVIDER_ERROR_TYPE_CONTENT_FILTER'
  | 'PROVIDER_ERROR_TYPE_UNAVAILABLE'
  | 'PROVIDER_ERROR_TYPE_TIMEOUT'
  | 'PROVIDER_ERROR_TYPE_OTHER';

interface Mapping {
  code: GrpcStatus;
  type: ProviderErrorType;
}

/** Typed error name -> gRPC status (matched by `name`: errors may come from another package copy). */
const BY_NAME: Readonly<Record<string, Mapping>> = {
  AuthenticationError: { code: Status.UNAUTHENTICATED, type: 'PROVIDER_ERROR_TYPE_AUTH' },
  AzureAuthError: { code: Status.UNAUTHENTICATED, type: 'PROVIDER_ERROR_TYPE_AUTH' },
  NoCredentialConfiguredError: { code: Status.UNAUTHENTICATED, type: 'PROVIDER_ERROR_TYPE_AUTH' },
  DeploymentNotFoundError: { code: Status.NOT_FOUND, type: 'PROVIDER_ERROR_TYPE_INVALID_REQUEST' },
  RateLimitError: { code: Status.RESOURCE_EXHAUSTED, type: 'PROVIDER_ERROR_TYPE_RATE_LIMIT' },
  ContentFilterError: { code: Status.INVALID_ARGUMENT, type: 'PROVIDER_ERROR_TYPE_CONTENT_FILTER' },
  ContextLengthExceededError: {
    code: Status.INVALID_ARGUMENT,
    type: 'PROVIDER_ERROR_TYPE_CONTEXT_LENGTH',
  },
  InvalidRequestError: {
    code: Status.INVALID_ARGUMENT,
    type: 'PROVIDER_ERROR_TYPE_INVALID_REQUEST',
  },
  ProtoConversionError: {
    code: Status.INVALID_ARGUMENT,
    type: 'PROVIDER_ERROR_TYPE_INVALID_REQUEST',
  },
  ServiceUnavailableError: { code: Status.UNAVAILABLE, type: 'PROVIDER_ERROR_TYPE_UNAVAILABLE' },
  StreamInterruptedError: { code: Status.UNAVAILABLE, type: 'PROVIDER_ERROR_TYPE_UNAVAILABLE' },
  ProviderClosedError: { code: Status.UNAVAILABLE, type: 'PROVIDER_ERROR_TYPE_UNAVAILABLE' },
  TimeoutError: { code: Status.DEADLINE_EXCEEDED, type: 'PROVIDER_ERROR_TYPE_TIMEOUT' },
  AbortedError: { code: Status.CANCELLED, type: 'PROVIDER_ERROR_TYPE_OTHER' },
  AbortError: { code: Status.CANCELLED, type: 'PROVIDER_ERROR_TYPE_OTHER' },
  ConfigError: { code: Status.FAILED_PRECONDITION, type: 'PROVIDER_ERROR_TYPE_OTHER' },
  DeploymentConfigError: { code: Status.FAILED_PRECONDITION, type: 'PROVIDER_ERROR_TYPE_OTHER' },
  NotMountedError: { code: Status.FAILED_PRECONDITION, type: 'PROVIDER_ERROR_TYPE_OTHER' },
  ResponseParseError: { code: Status.INTERNAL, type: 'PROVIDER_ERROR_TYPE_OTHER' },
};

function byHttpStatus(httpStatus: number | undefined): Mapping | undefined {
  if (httpStatus === undefined) return undefined;
  if (httpStatus === 401 || httpStatus === 403) {
    return { code: Status.UNAUTHENTICATED, type: 'PROVIDER_ERROR_TYPE_AUTH' };
  }
  if (httpStatus === 404)
    return { code: Status.NOT_FOUND, type: 'PROVIDER_ERROR_TYPE_INVALID_REQUEST' };
  if (httpStatus === 408)
    return { code: Status.DEADLINE_EXCEEDED, type: 'PROVIDER_ERROR_TYPE_TIMEOUT' };
  if (httpStatus === 429)
    return { code: Status.RESOURCE_EXHAUSTED, type: 'PROVIDER_ERROR_TYPE_RATE_LIMIT' };
  if (httpStatus >= 400 && httpStatus < 500) {
    return { code: Status.INVALID_ARGUMENT, type: 'PROVIDER_ERROR_TYPE_INVALID_REQUEST' };
  }
  if (httpStatus >= 500)
    return { code: Status.UNAVAILABLE, type: 'PROVIDER_ERROR_TYPE_UNAVAILABLE' };
  return undefined;
}

function field(error: object, key: string): unknown {
  return (error as Record<string, unknown>)[key];
}

function stringField(error: object, key: string): string | undefined {
  const value = field(error, key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function numberField(error: object, key: string): number | undefined {
  const value = field(error, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const TOKEN_PATTERNS: readonly RegExp[] = [
  /(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /(api[-_]?key["']?\s*[:=]\s*["']?)[^\s"',;]+/gi,
  /(eyJ)[A-Za-z0-9_-]{10,}\.[A-Za-z0-9._-]+/g,
];

/**
 * Removes secret values from a message: the given secrets, and anything shaped like a bearer
 * token, `api-key: value` or a JWT. Defence in depth: lower packages never put secrets in errors.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('[REDACTED]');
  }
  for (const pattern of TOKEN_PATTERNS) {
    result = result.replace(pattern, (_match, prefix: string) => `${prefix}[REDACTED]`);
  }
  return result;
}

function metadataValue(value: string): string {
  // Metadata values must be printable ASCII without line breaks.
  return value.replace(/[^\x20-\x7e]/g, '?').slice(0, 1024);
}

/** Options of {@link errorToStatus}. */
export interface ErrorToStatusOptions {
  /** Secret values to redact from the message (e.g. the configured API key). */
  secrets?: readonly string[] | undefined;
}

/**
 * Maps an error thrown by the provider (or by request conversion) to a gRPC status:
 *
 * | error | status |
 * |---|---|
 * | AuthenticationError, AzureAuthError, NoCredentialConfiguredError, HTTP 401/403 | UNAUTHENTICATED |
 * | DeploymentNotFoundError, HTTP 404 | NOT_FOUND |
 * | RateLimitError, HTTP 429 | RESOURCE_EXHAUSTED |
 * | ContentFilterError, ContextLengthExceededError, InvalidRequestError, ProtoConversionError, other 4xx | INVALID_ARGUMENT |
 * | ServiceUnavailableError, StreamInterruptedError, ProviderClosedError, HTTP 5xx | UNAVAILABLE |
 * | TimeoutError, HTTP 408 | DEADLINE_EXCEEDED |
 * | AbortedError / AbortError | CANCELLED |
 * | ConfigError, DeploymentConfigError, NotMountedError | FAILED_PRECONDITION |
 * | any other error marked `retryable` (e.g. a retryable ResponseFailedError) | UNAVAILABLE |
 * | anything else | INTERNAL |
 *
 * The status message is `<ErrorName>: <message>` plus the facts (HTTP status, code, request id,
 * deployment, retryable, retry-after); the same facts travel as metadata. Secrets are redacted.
 */
export function errorToStatus(error: unknown, options: ErrorToStatusOptions = {}): GrpcErrorStatus {
  const object: object =
    typeof error === 'object' && error !== null ? error : { name: 'Error', message: String(error) };
  const name = stringField(object, 'name') ?? 'Error';
  const rawMessage = stringField(object, 'message') ?? name;
  const httpStatus = numberField(object, 'status');
  const errorCode =
    stringField(object, 'code') ??
    (typeof field(object, 'code') === 'number' ? String(field(object, 'code')) : undefined);
  const requestId = stringField(object, 'requestId');
  const clientRequestId = stringField(object, 'clientRequestId');
  const deployment = stringField(object, 'deployment');
  const retryAfterMs = numberField(object, 'retryAfterMs');
  const retryableValue = field(object, 'retryable');
  const retryable = typeof retryableValue === 'boolean' ? retryableValue : undefined;

  const mapping: Mapping =
    BY_NAME[name] ??
    byHttpStatus(httpStatus) ??
    (retryable === true
      ? { code: Status.UNAVAILABLE, type: 'PROVIDER_ERROR_TYPE_UNAVAILABLE' }
      : { code: Status.INTERNAL, type: 'PROVIDER_ERROR_TYPE_OTHER' });

  const facts: string[] = [];
  if (httpStatus !== undefined) facts.push(`status=${httpStatus}`);
  if (errorCode !== undefined) facts.push(`code=${errorCode}`);
  if (deployment !== undefined) facts.push(`deployment=${deployment}`);
  if (requestId !== undefined) facts.push(`request_id=${requestId}`);
  if (clientRequestId !== undefined) facts.push(`client_request_id=${clientRequestId}`);
  if (retryable !== undefined) facts.push(`retryable=${retryable}`);
  if (retryAfterMs !== undefined) facts.push(`retry_after_ms=${Math.round(retryAfterMs)}`);
  if (ProtoConversionError.isInstance(error)) facts.push(`field=${error.field}`);

  const redact = (text: string) => redactSecrets(text, options.secrets);
  const details = redact(
    `${name}: ${rawMessage}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`,
  );

  const metadata = new (grpcJs().Metadata)();
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined) metadata.set(key, metadataValue(redact(value)));
  };
  set('x-error-name', name);
  set('x-provider-error-type', mapping.type);
  set('x-error-code', errorCode);
  set('x-http-status', httpStatus === undefined ? undefined : String(httpStatus));
  set('x-request-id', requestId);
  set('x-client-request-id', clientRequestId);
  set('x-deployment', deployment);
  set(
    'x-retry-after-ms',
    retryAfterMs === undefined ? undefined : String(Math.round(retryAfterMs)),
  );
  set('x-retryable', retryable === undefined ? undefined : String(retryable));
  set('x-error-field', ProtoConversionError.isInstance(error) ? error.field : undefined);

  return { code: mapping.code, details, message: details, metadata };
}

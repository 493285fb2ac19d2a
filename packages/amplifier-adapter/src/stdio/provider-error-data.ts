import { redactSecrets } from '../grpc/error-to-status.js';

/**
 * The `amplifier_core.llm_errors` class a Python host raises for a provider error: the `kind` of
 * {@link ProviderErrorData}.
 */
export type AmplifierErrorKind =
  | 'RateLimitError'
  | 'QuotaExceededError'
  | 'AuthenticationError'
  | 'AccessDeniedError'
  | 'ContextLengthError'
  | 'ContentFilterError'
  | 'InvalidRequestError'
  | 'ProviderUnavailableError'
  | 'NetworkError'
  | 'LLMTimeoutError'
  | 'NotFoundError'
  | 'StreamError'
  | 'AbortError'
  | 'ConfigurationError'
  | 'LLMError';

/**
 * A provider error as data (the `data` of a JSON-RPC error answer): what the Python bridge needs
 * to raise the matching `amplifier_core.llm_errors` class. Secrets are redacted from `message`.
 */
export interface ProviderErrorData {
  /** The `amplifier_core.llm_errors` class name. */
  kind: AmplifierErrorKind;
  /** The Node error's name (`RateLimitError`, `DeploymentNotFoundError`, ...). */
  name: string;
  /** What went wrong, with the fix when the error has one. */
  message: string;
  /** HTTP status of Azure's answer, when there was one. */
  status?: number;
  /** Azure's error code (`content_filter`, `DeploymentNotFound`, ...). */
  code?: string;
  /** Whether sending the same request again may succeed. */
  retryable: boolean;
  /** Seconds Azure asked to wait before retrying. */
  retry_after?: number;
  /** Azure's request id (`apim-request-id`). */
  request_id?: string;
  /** The Azure deployment the request went to. */
  deployment?: string;
  /** The model the caller asked for. */
  model?: string;
}

/** Node error name -> Amplifier class (matched by name: errors may come from another package copy). */
const KIND_BY_NAME: Readonly<Record<string, AmplifierErrorKind>> = {
  RateLimitError: 'RateLimitError',
  AuthenticationError: 'AuthenticationError',
  AzureAuthError: 'AuthenticationError',
  NoCredentialConfiguredError: 'ConfigurationError',
  ContextLengthExceededError: 'ContextLengthError',
  ContentFilterError: 'ContentFilterError',
  InvalidRequestError: 'InvalidRequestError',
  DeploymentNotFoundError: 'NotFoundError',
  ServiceUnavailableError: 'ProviderUnavailableError',
  ProviderClosedError: 'ProviderUnavailableError',
  StreamInterruptedError: 'StreamError',
  TimeoutError: 'LLMTimeoutError',
  AbortedError: 'AbortError',
  AbortError: 'AbortError',
  ConfigError: 'ConfigurationError',
  DeploymentConfigError: 'ConfigurationError',
  ResponseParseError: 'LLMError',
};

function byStatus(status: number | undefined): AmplifierErrorKind | undefined {
  if (status === undefined) return undefined;
  if (status === 401) return 'AuthenticationError';
  if (status === 403) return 'AccessDeniedError';
  if (status === 404) return 'NotFoundError';
  if (status === 408) return 'LLMTimeoutError';
  if (status === 413) return 'ContextLengthError';
  if (status === 429) return 'RateLimitError';
  if (status >= 400 && status < 500) return 'InvalidRequestError';
  if (status >= 500) return 'ProviderUnavailableError';
  return undefined;
}

function refine(kind: AmplifierErrorKind, code: string | undefined, status: number | undefined) {
  if (kind === 'AuthenticationError' && status === 403) return 'AccessDeniedError';
  if (kind === 'RateLimitError' && code === 'insufficient_quota') return 'QuotaExceededError';
  if (kind === 'ProviderUnavailableError' && code === 'connection_error') return 'NetworkError';
  return kind;
}

function read(error: object, key: string): unknown {
  return (error as Record<string, unknown>)[key];
}

function text(error: object, key: string): string | undefined {
  const value = read(error, key);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function finite(error: object, key: string): number | undefined {
  const value = read(error, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Turns an error thrown by the provider (or by `mount`) into {@link ProviderErrorData}: the
 * Amplifier error class, the facts, and a message with `secrets` (and anything token-shaped)
 * redacted.
 */
export function toProviderErrorData(
  error: unknown,
  secrets: readonly string[] = [],
): ProviderErrorData {
  const object: object =
    typeof error === 'object' && error !== null ? error : { name: 'Error', message: String(error) };
  const name = text(object, 'name') ?? 'Error';
  const status = finite(object, 'status');
  const code = text(object, 'code');
  const retryableValue = read(object, 'retryable');
  const kind = refine(KIND_BY_NAME[name] ?? byStatus(status) ?? 'LLMError', code, status);
  const retryable =
    typeof retryableValue === 'boolean'
      ? retryableValue
      : kind === 'RateLimitError' ||
        kind === 'ProviderUnavailableError' ||
        kind === 'NetworkError' ||
        kind === 'LLMTimeoutError' ||
        kind === 'StreamError';
  const fix = text(object, 'fix');
  const rawMessage = text(object, 'message') ?? name;
  const data: ProviderErrorData = {
    kind,
    name,
    message: redactSecrets(
      fix === undefined || rawMessage.includes(fix) ? rawMessage : `${rawMessage} Fix: ${fix}`,
      secrets,
    ),
    retryable,
  };
  if (status !== undefined) data.status = status;
  if (code !== undefined) data.code = redactSecrets(code, secrets);
  const retryAfterMs = finite(object, 'retryAfterMs');
  if (retryAfterMs !== undefined) data.retry_after = retryAfterMs / 1000;
  const requestId = text(object, 'requestId');
  if (requestId !== undefined) data.request_id = requestId;
  const deployment = text(object, 'deployment');
  if (deployment !== undefined) data.deployment = deployment;
  const model = text(object, 'model');
  if (model !== undefined) data.model = model;
  return data;
}

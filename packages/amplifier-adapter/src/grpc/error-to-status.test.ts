import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { errorToStatus, redactSecrets } from './error-to-status.js';
import { ProtoConversionError } from './proto-conversion-error.js';

function providerError(name: string, fields: Record<string, unknown> = {}): Error {
  const error = new Error(
    fields.message === undefined ? `${name} happened` : String(fields.message),
  );
  error.name = name;
  Object.assign(error, fields);
  return error;
}

describe('errorToStatus', () => {
  it.each([
    ['AuthenticationError', status.UNAUTHENTICATED],
    ['NoCredentialConfiguredError', status.UNAUTHENTICATED],
    ['DeploymentNotFoundError', status.NOT_FOUND],
    ['RateLimitError', status.RESOURCE_EXHAUSTED],
    ['ContentFilterError', status.INVALID_ARGUMENT],
    ['ContextLengthExceededError', status.INVALID_ARGUMENT],
    ['InvalidRequestError', status.INVALID_ARGUMENT],
    ['ServiceUnavailableError', status.UNAVAILABLE],
    ['StreamInterruptedError', status.UNAVAILABLE],
    ['TimeoutError', status.DEADLINE_EXCEEDED],
    ['AbortedError', status.CANCELLED],
    ['ConfigError', status.FAILED_PRECONDITION],
    ['ResponseParseError', status.INTERNAL],
  ])('maps %s to status %i', (name, code) => {
    expect(errorToStatus(providerError(name)).code).toBe(code);
  });

  it('falls back on the HTTP status, then INTERNAL', () => {
    expect(errorToStatus(providerError('AzureOpenAIError', { status: 429 })).code).toBe(
      status.RESOURCE_EXHAUSTED,
    );
    expect(errorToStatus(providerError('AzureOpenAIError', { status: 401 })).code).toBe(
      status.UNAUTHENTICATED,
    );
    expect(errorToStatus(providerError('AzureOpenAIError', { status: 404 })).code).toBe(
      status.NOT_FOUND,
    );
    expect(errorToStatus(providerError('AzureOpenAIError', { status: 400 })).code).toBe(
      status.INVALID_ARGUMENT,
    );
    expect(errorToStatus(providerError('AzureOpenAIError', { status: 503 })).code).toBe(
      status.UNAVAILABLE,
    );
    expect(errorToStatus(providerError('ResponseFailedError', { retryable: true })).code).toBe(
      status.UNAVAILABLE,
    );
    expect(errorToStatus(providerError('ResponseFailedError', { retryable: false })).code).toBe(
      status.INTERNAL,
    );
    expect(errorToStatus(new TypeError('boom')).code).toBe(status.INTERNAL);
    expect(errorToStatus('a string').details).toBe('Error: a string');
  });

  it('puts the typed error name and facts in the message and metadata', () => {
    const result = errorToStatus(
      providerError('RateLimitError', {
        message: 'Rate limited by Azure.',
        status: 429,
        code: '429',
        requestId: 'req-123',
        deployment: 'gpt-5-prod',
        retryable: true,
        retryAfterMs: 1500,
      }),
    );
    expect(result.details).toBe(
      'RateLimitError: Rate limited by Azure. (status=429, code=429, deployment=gpt-5-prod, request_id=req-123, retryable=true, retry_after_ms=1500)',
    );
    expect(result.message).toBe(result.details);
    expect(result.metadata.get('x-error-name')).toEqual(['RateLimitError']);
    expect(result.metadata.get('x-error-code')).toEqual(['429']);
    expect(result.metadata.get('x-request-id')).toEqual(['req-123']);
    expect(result.metadata.get('x-retry-after-ms')).toEqual(['1500']);
    expect(result.metadata.get('x-retryable')).toEqual(['true']);
    expect(result.metadata.get('x-deployment')).toEqual(['gpt-5-prod']);
    expect(result.metadata.get('x-http-status')).toEqual(['429']);
    expect(result.metadata.get('x-provider-error-type')).toEqual([
      'PROVIDER_ERROR_TYPE_RATE_LIMIT',
    ]);
  });

  it('names the field of a ProtoConversionError', () => {
    const result = errorToStatus(
      new ProtoConversionError({
        field: 'tool_calls[0].arguments_json',
        message: 'is not valid JSON.',
      }),
    );
    expect(result.code).toBe(status.INVALID_ARGUMENT);
    expect(result.details).toContain('tool_calls[0].arguments_json');
    expect(result.metadata.get('x-error-field')).toEqual(['tool_calls[0].arguments_json']);
  });

  it('never leaks secrets into the message or metadata', () => {
    const key = 'sk-very-secret-key-123456';
    const result = errorToStatus(
      providerError('AuthenticationError', {
        message: `bad key ${key}; Authorization: Bearer abcdefghijklmnop`,
        code: key,
      }),
      { secrets: [key] },
    );
    expect(result.details).not.toContain(key);
    expect(result.details).not.toContain('abcdefghijklmnop');
    expect(JSON.stringify(result.metadata.getMap())).not.toContain(key);
  });
});

describe('redactSecrets', () => {
  it('redacts given values, bearer tokens, api-key values and JWTs', () => {
    expect(redactSecrets('key=abcd1234 used', ['abcd1234'])).toBe('key=[REDACTED] used');
    expect(redactSecrets('api-key: 0123456789abcdef')).toBe('api-key: [REDACTED]');
    expect(redactSecrets('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig')).toBe(
      'token eyJ[REDACTED]',
    );
    expect(redactSecrets('nothing here')).toBe('nothing here');
  });
});

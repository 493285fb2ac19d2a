import {
  AuthenticationError,
  ContentFilterError,
  ContextLengthExceededError,
  DeploymentNotFoundError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
} from '@amplifier-azure-openai/provider';
import { describe, expect, it } from 'vitest';
import { toProviderErrorData } from './provider-error-data.js';

describe('toProviderErrorData', () => {
  it('maps the provider errors to Amplifier classes with their facts', () => {
    const rateLimit = toProviderErrorData(
      new RateLimitError({
        message: 'slow down',
        status: 429,
        retryable: true,
        retryAfterMs: 2500,
        requestId: 'req-1',
        deployment: 'gpt-4o',
      }),
    );
    expect(rateLimit).toEqual({
      kind: 'RateLimitError',
      name: 'RateLimitError',
      message: 'slow down',
      status: 429,
      retryable: true,
      retry_after: 2.5,
      request_id: 'req-1',
      deployment: 'gpt-4o',
    });
    const cases: Array<[unknown, string]> = [
      [new AuthenticationError({ message: 'no', status: 401 }), 'AuthenticationError'],
      [new AuthenticationError({ message: 'no', status: 403 }), 'AccessDeniedError'],
      [new ContentFilterError({ message: 'filtered', status: 400 }), 'ContentFilterError'],
      [new ContextLengthExceededError({ message: 'long', status: 400 }), 'ContextLengthError'],
      [new DeploymentNotFoundError({ message: 'gone', status: 404 }), 'NotFoundError'],
      [new TimeoutError({ message: 'late' }), 'LLMTimeoutError'],
      [
        new ServiceUnavailableError({ message: 'down', code: 'connection_error', retryable: true }),
        'NetworkError',
      ],
      [new RateLimitError({ message: 'quota', code: 'insufficient_quota' }), 'QuotaExceededError'],
      [Object.assign(new Error('teapot'), { status: 418 }), 'InvalidRequestError'],
      [new Error('boom'), 'LLMError'],
      ['a string', 'LLMError'],
    ];
    for (const [error, kind] of cases) expect(toProviderErrorData(error).kind).toBe(kind);
  });

  it('defaults retryable by class when the error does not say', () => {
    expect(toProviderErrorData(Object.assign(new Error('x'), { status: 503 })).retryable).toBe(
      true,
    );
    expect(toProviderErrorData(Object.assign(new Error('x'), { status: 400 })).retryable).toBe(
      false,
    );
  });

  it('redacts secrets and token-shaped text from the message and appends the fix', () => {
    const data = toProviderErrorData(
      Object.assign(new Error('key sk-live-secret-123 was rejected; Bearer abcdefghijklmnop'), {
        fix: 'Check the key.',
      }),
      ['sk-live-secret-123'],
    );
    expect(data.message).not.toContain('sk-live-secret-123');
    expect(data.message).not.toContain('abcdefghijklmnop');
    expect(data.message).toContain('Fix: Check the key.');
  });
});

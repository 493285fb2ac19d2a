import { inspect } from 'node:util';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { AbortedError } from './aborted-error.js';
import { AuthenticationError } from './authentication-error.js';
import { AzureOpenAIError } from './azure-openai-error.js';
import { ContentFilterError } from './content-filter-error.js';
import { ContextLengthExceededError } from './context-length-exceeded-error.js';
import { DeploymentNotFoundError } from './deployment-not-found-error.js';
import { InvalidRequestError } from './invalid-request-error.js';
import { RateLimitError } from './rate-limit-error.js';
import { ServiceUnavailableError } from './service-unavailable-error.js';
import { StreamInterruptedError } from './stream-interrupted-error.js';
import { TimeoutError } from './timeout-error.js';
import { translateError } from './translate-error.js';

function apiError(status: number, body: unknown, headers: Record<string, string> = {}): APIError {
  return APIError.generate(status, body as object, undefined, new Headers(headers));
}

const context = {
  model: 'gpt-5',
  deployment: 'prod-gpt5',
  endpoint: 'https://res.openai.azure.com',
  rule: 'mapping',
  auth: { method: 'managed-identity', reason: 'use_managed_identity is true' },
};

describe('translateError', () => {
  it('maps 401 to AuthenticationError naming the auth method and what to check', () => {
    const error = translateError(
      apiError(
        401,
        { error: { code: '401', message: 'Access denied due to invalid subscription key' } },
        {
          'apim-request-id': 'req-1',
        },
      ),
      context,
    );
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.status).toBe(401);
    expect(error.requestId).toBe('req-1');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('managed-identity');
    expect(error.fix).toContain('Cognitive Services OpenAI User');
    expect((error as AuthenticationError).authMethod).toBe('managed-identity');
  });

  it('maps 404 to DeploymentNotFoundError naming model, deployment and rule', () => {
    const error = translateError(
      apiError(404, {
        error: {
          code: 'DeploymentNotFound',
          message: 'The API deployment for this resource does not exist.',
        },
      }),
      context,
    );
    expect(DeploymentNotFoundError.isInstance(error)).toBe(true);
    expect(error.message).toContain("model 'gpt-5'");
    expect(error.message).toContain("deployment 'prod-gpt5'");
    expect(error.message).toContain('rule: mapping');
    expect((error as DeploymentNotFoundError).rule).toBe('mapping');
    expect(error.code).toBe('DeploymentNotFound');
  });

  it('maps a 404 naming a parameter (missing item) to InvalidRequestError', () => {
    const error = translateError(
      apiError(404, {
        error: { message: "Item with id 'rs_1' not found.", param: 'input', code: null },
      }),
      context,
    );
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error.status).toBe(404);
  });

  it('maps 429 to a retryable RateLimitError with retry-after-ms first', () => {
    const error = translateError(
      apiError(
        429,
        { error: { code: '429', message: 'Rate limit' } },
        {
          'retry-after': '7',
          'x-ms-retry-after-ms': '3000',
          'retry-after-ms': '1500',
          'x-request-id': 'x-1',
        },
      ),
      context,
    );
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(1500);
    expect(error.requestId).toBe('x-1');
  });

  it('treats insufficient_quota as not retryable', () => {
    const error = translateError(
      apiError(429, { error: { code: 'insufficient_quota', message: 'quota' } }),
      context,
    );
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(false);
  });

  it('maps a content filter 400 with categories and severities', () => {
    const error = translateError(
      apiError(400, {
        error: {
          code: 'content_filter',
          message: 'The response was filtered',
          param: 'prompt',
          innererror: {
            code: 'ResponsibleAIPolicyViolation',
            content_filter_result: {
              hate: { filtered: false, severity: 'safe' },
              violence: { filtered: true, severity: 'high' },
              jailbreak: { filtered: true, detected: true },
            },
          },
        },
      }),
      context,
    ) as ContentFilterError;
    expect(ContentFilterError.isInstance(error)).toBe(true);
    expect(error.categories).toContainEqual({
      category: 'violence',
      filtered: true,
      severity: 'high',
    });
    expect(error.categories).toContainEqual({
      category: 'hate',
      filtered: false,
      severity: 'safe',
    });
    expect(error.message).toContain('violence (severity high)');
    expect(error.message).toContain('jailbreak (detected)');
    expect(error.message).not.toContain('hate (');
  });

  it('maps context_length_exceeded', () => {
    const error = translateError(
      apiError(400, {
        error: { code: 'context_length_exceeded', message: 'too long', param: 'input' },
      }),
      context,
    );
    expect(ContextLengthExceededError.isInstance(error)).toBe(true);
    expect(error.code).toBe('context_length_exceeded');
  });

  it('maps other 400s to InvalidRequestError naming the parameter', () => {
    const error = translateError(
      apiError(400, {
        error: {
          message: "Unsupported parameter: 'temperature' is not supported with this model.",
          type: 'invalid_request_error',
          param: 'temperature',
          code: null,
        },
      }),
      context,
    ) as InvalidRequestError;
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error.param).toBe('temperature');
    expect(error.message).toContain("parameter 'temperature'");
  });

  it('maps 5xx to retryable ServiceUnavailableError and 408 to TimeoutError', () => {
    const server = translateError(apiError(503, { error: { message: 'busy' } }), context);
    expect(ServiceUnavailableError.isInstance(server)).toBe(true);
    expect(server.retryable).toBe(true);
    const timeout = translateError(apiError(408, { error: { message: 'slow' } }), context);
    expect(TimeoutError.isInstance(timeout)).toBe(true);
    expect(timeout.retryable).toBe(true);
  });

  it('maps SDK connection, timeout and abort errors', () => {
    expect(TimeoutError.isInstance(translateError(new APIConnectionTimeoutError()))).toBe(true);
    const connection = translateError(new APIConnectionError({ message: 'ECONNREFUSED' }));
    expect(ServiceUnavailableError.isInstance(connection)).toBe(true);
    expect(connection.code).toBe('connection_error');
    expect(connection.retryable).toBe(true);
    expect(AbortedError.isInstance(translateError(new APIUserAbortError()))).toBe(true);
    expect(AbortedError.isInstance(translateError(new DOMException('x', 'AbortError')))).toBe(true);
  });

  it('maps credential failures from the auth package to AuthenticationError', () => {
    const authError = Object.assign(new Error('IMDS unreachable'), {
      name: 'AzureAuthError',
      method: 'managed-identity',
      fix: 'Run on Azure or set api_key.',
    });
    const error = translateError(authError, {});
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.fix).toBe('Run on Azure or set api_key.');
    expect(error.message).toContain('managed-identity');
  });

  it('maps a stream interruption from the accumulator', () => {
    const interrupted = Object.assign(new Error('The stream ended early.'), {
      name: 'StreamInterruptedError',
    });
    expect(StreamInterruptedError.isInstance(translateError(interrupted))).toBe(true);
  });

  it('returns provider errors unchanged and wraps the unknown', () => {
    const original = new TimeoutError({ message: 'x' });
    expect(translateError(original)).toBe(original);
    const unknown = translateError(new Error('boom'));
    expect(AzureOpenAIError.isInstance(unknown)).toBe(true);
    expect(unknown.message).toContain('boom');
  });

  it('never exposes request headers or secrets in JSON, toString or inspect', () => {
    const error = translateError(
      apiError(401, { error: { message: 'denied' } }, { 'apim-request-id': 'r' }),
      { ...context, auth: { method: 'api-key' } },
    );
    const text = `${JSON.stringify(error)} ${String(error)} ${inspect(error)}`;
    expect(text).not.toMatch(/api-key:|authorization:|Bearer /i);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: 'AuthenticationError',
      status: 401,
      requestId: 'r',
      retryable: false,
      authMethod: 'api-key',
    });
  });

  it('recognises instances across copies by marker, not instanceof', () => {
    const error = new RateLimitError({ message: 'x' });
    const lookalike = Object.create(null);
    lookalike[Symbol.for('amplifier-azure-openai.provider')] = true;
    lookalike[Symbol.for('amplifier-azure-openai.provider.rate-limit')] = true;
    expect(RateLimitError.isInstance(lookalike)).toBe(true);
    expect(AzureOpenAIError.isInstance(error)).toBe(true);
    expect(TimeoutError.isInstance(error)).toBe(false);
    expect(error.name).toBe('RateLimitError');
  });
});

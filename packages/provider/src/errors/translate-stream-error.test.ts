import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { ResponseFailedError } from '../response/response-failed-error.js';
import { AbortedError } from './aborted-error.js';
import { ContentFilterError } from './content-filter-error.js';
import { ContextLengthExceededError } from './context-length-exceeded-error.js';
import { InvalidRequestError } from './invalid-request-error.js';
import { RateLimitError } from './rate-limit-error.js';
import { ServiceUnavailableError } from './service-unavailable-error.js';
import { TimeoutError } from './timeout-error.js';
import { translateError } from './translate-error.js';
import { translateResponseFailure } from './translate-stream-error.js';

const base = {
  deployment: 'gpt-5-prod',
  model: 'gpt-5',
  requestId: 'apim-1',
  clientRequestId: 'c-1',
};

describe('translateResponseFailure', () => {
  it.each([
    ['insufficient_quota', RateLimitError, false],
    ['rate_limit_exceeded', RateLimitError, true],
    ['server_error', ServiceUnavailableError, true],
    ['internal_error', ServiceUnavailableError, true],
    ['context_length_exceeded', ContextLengthExceededError, false],
    ['content_filter', ContentFilterError, false],
    ['ResponsibleAIPolicyViolation', ContentFilterError, false],
    ['vector_store_timeout', TimeoutError, true],
    ['invalid_image_url', InvalidRequestError, false],
    ['cancelled', AbortedError, false],
  ] as const)('%s -> %s', (code, type, retryable) => {
    const error = translateResponseFailure({ code, message: 'boom', responseId: 'resp_1' }, base);
    expect(type.isInstance(error)).toBe(true);
    expect(error.name).not.toBe('AzureOpenAIError');
    expect(error.retryable).toBe(retryable);
    expect(error.requestId).toBe('apim-1');
    expect(error.clientRequestId).toBe('c-1');
    expect(error.deployment).toBe('gpt-5-prod');
    expect(error.message).toContain('boom');
  });

  it('reads the code from `type` when there is none, and keeps quota errors unretryable', () => {
    const error = translateResponseFailure({ type: 'insufficient_quota', message: 'quota' }, base);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.code).toBe('insufficient_quota');
    expect(error.retryable).toBe(false);
    expect(error.fix).toMatch(/quota/i);
  });

  it('takes the wait a throttled answer states in its message', () => {
    const error = translateResponseFailure(
      { code: 'rate_limit_exceeded', message: 'Rate limit reached. Please try again in 1.5s.' },
      base,
    );
    expect(error.retryAfterMs).toBe(1500);
    expect(error.retryAfterSource).toBe('message');
  });

  it('recognises a context-window message without a code', () => {
    const error = translateResponseFailure(
      { message: "This model's maximum context length is 128000 tokens." },
      base,
    );
    expect(ContextLengthExceededError.isInstance(error)).toBe(true);
  });

  it('keeps unknown codes as ResponseFailedError (never the bare base class)', () => {
    const error = translateResponseFailure(
      { code: 'ERR_SOMETHING', message: 'Something went wrong' },
      base,
    );
    expect(ResponseFailedError.isInstance(error)).toBe(true);
    expect(error.name).toBe('ResponseFailedError');
    expect(error.code).toBe('ERR_SOMETHING');
  });
});

describe('translateError for stream failures', () => {
  it('types a nested `error` event (the SDK-style APIError without status) by its code', () => {
    const nested = new APIError(
      undefined,
      {
        type: 'insufficient_quota',
        code: 'insufficient_quota',
        message: 'You exceeded your current quota',
        param: null,
      },
      undefined,
      new Headers({ 'apim-request-id': 'apim-9' }),
    );
    const error = translateError(nested, { deployment: 'd', clientRequestId: 'c-9' });
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(false);
    expect(error.requestId).toBe('apim-9');
    expect(error.clientRequestId).toBe('c-9');
  });

  it('re-types a ResponseFailedError (response.failed / status failed) and stamps the ids', () => {
    const failed = new ResponseFailedError({
      error: { code: 'rate_limit_exceeded', message: 'Request too large', response_id: 'resp_2' },
      deployment: 'd',
    });
    const error = translateError(failed, { requestId: 'apim-2', clientRequestId: 'c-2' });
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(true);
    expect(error.requestId).toBe('apim-2');
    expect(error.clientRequestId).toBe('c-2');
    expect(error.message).toContain('resp_2');
  });

  it('stamps a missing client request id on an already-typed error, never overwriting one', () => {
    const typed = translateResponseFailure(
      { code: 'server_error', message: 'x' },
      { clientRequestId: 'first' },
    );
    expect(translateError(typed, { clientRequestId: 'second' }).clientRequestId).toBe('first');
    const bare = translateResponseFailure({ code: 'server_error', message: 'x' }, {});
    expect(translateError(bare, { clientRequestId: 'second' }).clientRequestId).toBe('second');
  });

  it('puts the client request id of the request on HTTP errors and in toJSON', () => {
    const http = new APIError(
      500,
      { code: 'InternalServerError', message: 'oops' },
      undefined,
      new Headers({ 'apim-request-id': 'apim-3', 'x-ms-client-request-id': 'echoed' }),
    );
    const error = translateError(http, { clientRequestId: 'sent' });
    expect(error.clientRequestId).toBe('sent');
    expect(error.toJSON()).toMatchObject({ requestId: 'apim-3', clientRequestId: 'sent' });
    expect(translateError(http, {}).clientRequestId).toBe('echoed');
  });
});

import { describe, expect, it } from 'vitest';
import {
  type AzureOpenAIError,
  ContentFilterError,
  ContextLengthExceededError,
  RateLimitError,
  ResponseFailedError,
  ServiceUnavailableError,
} from '../src/index.js';
import { providerFor, useTestEmulator } from './harness.js';

const emulator = useTestEmulator();

const hello = {
  model: 'gpt-4o',
  stream: true,
  messages: [{ role: 'user' as const, content: 'hello there, tell me a story' }],
};

async function failure(promise: Promise<unknown>): Promise<AzureOpenAIError> {
  try {
    await promise;
  } catch (error) {
    return error as AzureOpenAIError;
  }
  throw new Error('expected the call to fail');
}

const CASES = [
  ['insufficient_quota', RateLimitError, false],
  ['rate_limit_exceeded', RateLimitError, true],
  ['server_error', ServiceUnavailableError, true],
  ['context_length_exceeded', ContextLengthExceededError, false],
  ['content_filter', ContentFilterError, false],
] as const;
const SHAPES = ['error', 'flat-error', 'response.failed', 'both'] as const;

describe('in-stream failures are typed like HTTP errors (real SDK, emulator)', () => {
  for (const [code, type, retryable] of CASES) {
    for (const event of SHAPES) {
      it(`${code} sent as ${event} -> ${type.name}`, async () => {
        const { provider, sink } = providerFor(emulator(), { settings: { max_retries: 0 } });
        emulator().addFault({ kind: 'stream-error', afterEvents: 2, code, event });
        const error = await failure(provider.complete(hello));
        expect(type.isInstance(error)).toBe(true);
        expect(error.name).toBe(type.name);
        expect(error.retryable).toBe(retryable);
        const sent = emulator().recorder.responsesRequests()[0]!;
        expect(error.requestId).toBe(sent.requestId);
        expect(error.clientRequestId).toBe(sent.headers['x-ms-client-request-id']);
        const [failed] = sink.named('llm:response');
        expect(failed).toMatchObject({
          status: 'error',
          error: { type: type.name, request_id: sent.requestId },
        });
        await provider.close();
      });
    }
  }

  it('an unknown code stays a ResponseFailedError with its code', async () => {
    const { provider } = providerFor(emulator(), { settings: { max_retries: 0 } });
    emulator().addFault({
      kind: 'stream-error',
      afterEvents: 1,
      code: 'ERR_SOMETHING',
      event: 'flat-error',
    });
    const error = await failure(provider.complete(hello));
    expect(ResponseFailedError.isInstance(error)).toBe(true);
    expect(error.code).toBe('ERR_SOMETHING');
    await provider.close();
  });

  it('a failure after text was streamed is typed too (stream(), not retried)', async () => {
    const { provider } = providerFor(emulator());
    emulator().addFault({
      kind: 'stream-error',
      afterEvents: 6,
      code: 'server_error',
      event: 'both',
    });
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of provider.stream(hello)) seen.push(event.type);
      })(),
    );
    expect(seen).toContain('text.delta');
    expect(ServiceUnavailableError.isInstance(error)).toBe(true);
    expect(emulator().recorder.responsesRequests()).toHaveLength(1);
    await provider.close();
  });

  it('a retryable in-stream throttle before any output is retried with a fresh client request id', async () => {
    const { provider, sink } = providerFor(emulator());
    emulator().addFault({
      kind: 'stream-error',
      afterEvents: 0,
      code: 'rate_limit_exceeded',
      event: 'both',
    });
    const response = await provider.complete(hello);
    expect(response.finish_reason).toBe('stop');
    const sent = emulator().recorder.responsesRequests();
    expect(sent).toHaveLength(2);
    const ids = sent.map(request => request.headers['x-ms-client-request-id']);
    expect(new Set(ids).size).toBe(2);
    const [retry] = sink.named('provider:retry');
    expect(retry).toMatchObject({ error_type: 'RateLimitError', client_request_id: ids[0] });
    // "Try again in 2 seconds." in the message sets the wait.
    expect(retry?.delay_ms).toBe(2000);
    await provider.close();
  });
});

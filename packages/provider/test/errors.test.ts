import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveConfig } from '@amplifier-azure-openai/config';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  type AzureOpenAIError,
  ContentFilterError,
  ContextLengthExceededError,
  createAzureOpenAIProvider,
  DeploymentNotFoundError,
  InvalidRequestError,
  RateLimitError,
  ResponseParseError,
  ServiceUnavailableError,
  StreamInterruptedError,
  TimeoutError,
} from '../src/index.js';
import { providerFor, useTestEmulator } from './harness.js';

const emulator = useTestEmulator();

const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };

async function failure(promise: Promise<unknown>): Promise<AzureOpenAIError> {
  try {
    await promise;
  } catch (error) {
    return error as AzureOpenAIError;
  }
  throw new Error('expected the call to fail');
}

describe('typed errors through the SDK', () => {
  it('AuthenticationError for a wrong key names the method and what to check', async () => {
    const { provider, sink } = providerFor(emulator(), { settings: { api_key: 'wrong-key-123' } });
    const error = await failure(provider.complete(hello));
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect((error as AuthenticationError).authMethod).toBe('api-key');
    expect(error.message).toContain('api-key');
    expect(error.fix).toMatch(/api_key/);
    expect(error.requestId).toBe(emulator().recorder.responsesRequests()[0]!.requestId);
    const everything = `${error.message} ${JSON.stringify(error)} ${String(error)} ${JSON.stringify(sink.events)}`;
    expect(everything).not.toContain('wrong-key-123');
    expect(emulator().recorder.responsesRequests()).toHaveLength(1);
    await provider.close();
  });

  it('DeploymentNotFoundError names the model, the deployment and the rule', async () => {
    const { provider } = providerFor(emulator(), {
      settings: { deployment_mapping: { 'gpt-4o': 'no-such-deployment' } },
    });
    const error = await failure(provider.complete(hello));
    expect(DeploymentNotFoundError.isInstance(error)).toBe(true);
    expect(error.status).toBe(404);
    expect(error.message).toContain("model 'gpt-4o'");
    expect(error.message).toContain("deployment 'no-such-deployment'");
    expect(error.message).toContain('rule: mapping');
    expect((error as DeploymentNotFoundError).rule).toBe('mapping');
    await provider.close();
  });

  it('RateLimitError for a 429 once retries are used up', async () => {
    const { provider } = providerFor(emulator(), { settings: { max_retries: 0 } });
    emulator().addFault({ kind: 'rate-limit', retryAfterMs: 1234 });
    const error = await failure(provider.complete(hello));
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(1234);
    expect(error.status).toBe(429);
    await provider.close();
  });

  it('ContentFilterError lists the categories and severities', async () => {
    const { provider } = providerFor(emulator());
    emulator().addFault({ kind: 'content-filter', category: 'violence', severity: 'high' });
    const error = (await failure(provider.complete(hello))) as ContentFilterError;
    expect(ContentFilterError.isInstance(error)).toBe(true);
    expect(error.status).toBe(400);
    expect(error.categories).toContainEqual(
      expect.objectContaining({ category: 'violence', filtered: true, severity: 'high' }),
    );
    expect(error.message).toContain('violence (severity high)');
    await provider.close();
  });

  it('ContextLengthExceededError', async () => {
    const { provider } = providerFor(emulator());
    emulator().addFault({ kind: 'context-length-exceeded' });
    const error = await failure(provider.complete(hello));
    expect(ContextLengthExceededError.isInstance(error)).toBe(true);
    expect(error.code).toBe('context_length_exceeded');
    expect(error.retryable).toBe(false);
    await provider.close();
  });

  it('InvalidRequestError for reasoning content Azure cannot verify', async () => {
    const { provider } = providerFor(emulator());
    const error = await failure(
      provider.complete({
        model: 'gpt-5',
        messages: [
          { role: 'user', content: 'first' },
          {
            role: 'assistant',
            content: [
              {
                type: 'reasoning',
                id: 'rs_foreign',
                encrypted_content: 'not-from-this-resource',
                summary: [],
                content: [],
              },
              { type: 'text', text: 'ok', item_id: 'msg_foreign' },
            ],
          },
          { role: 'user', content: 'second' },
        ],
      }),
    );
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_encrypted_content');
    await provider.close();
  });

  it('ServiceUnavailableError for a 5xx after the retries', async () => {
    const { provider, sleeper } = providerFor(emulator(), { settings: { max_retries: 1 } });
    emulator().addFault({ kind: 'server-error', status: 503, times: 2 });
    const error = await failure(provider.complete(hello));
    expect(ServiceUnavailableError.isInstance(error)).toBe(true);
    expect(error.status).toBe(503);
    expect(error.retryable).toBe(true);
    expect(sleeper.waits).toHaveLength(1);
    expect(emulator().recorder.responsesRequests()).toHaveLength(2);
    await provider.close();
  });

  it('ServiceUnavailableError (connection_error) when the connection drops', async () => {
    const { provider } = providerFor(emulator(), { settings: { max_retries: 0 } });
    emulator().addFault({ kind: 'drop-connection' });
    const error = await failure(provider.complete(hello));
    expect(ServiceUnavailableError.isInstance(error)).toBe(true);
    expect(error.code).toBe('connection_error');
    await provider.close();
  });

  it('TimeoutError when Azure is slower than the timeout', async () => {
    const { provider } = providerFor(emulator(), { settings: { max_retries: 0 } });
    emulator().addFault({ kind: 'latency', ms: 5_000 });
    const error = await failure(provider.complete({ ...hello, timeout: 0.2 }));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(true);
    await provider.close();
  });

  it('StreamInterruptedError when a stream drops midway, never a partial answer', async () => {
    const { provider } = providerFor(emulator(), { settings: { max_retries: 0 } });
    emulator().addFault({ kind: 'drop-mid-stream', afterEvents: 6 });
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of provider.stream({
          ...hello,
          messages: [{ role: 'user', content: 'long answer 40 words' }],
        })) {
          seen.push(event.type);
        }
      })(),
    );
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(seen).not.toContain('message.end');
    await provider.close();
  });

  it('a stream error event after events were yielded becomes a typed error, not retried', async () => {
    const { provider, sleeper } = providerFor(emulator(), { settings: { max_retries: 2 } });
    emulator().addFault({ kind: 'stream-error', afterEvents: 4 });
    const error = await failure(
      provider.complete({
        ...hello,
        stream: true,
        messages: [{ role: 'user', content: 'long answer 40 words' }],
      }),
    );
    expect(ServiceUnavailableError.isInstance(error)).toBe(true);
    expect(error.code).toBe('server_error');
    expect(error.retryable).toBe(true);
    expect(sleeper.waits).toEqual([]);
    expect(emulator().recorder.responsesRequests()).toHaveLength(1);
    await provider.close();
  });

  it('a stream error event before any event is retried', async () => {
    const { provider, sleeper } = providerFor(emulator(), { settings: { max_retries: 2 } });
    emulator().addFault({ kind: 'stream-error', afterEvents: 0 });
    const response = await provider.complete({ ...hello, stream: true });
    expect(response.finish_reason).toBe('stop');
    expect(sleeper.waits).toHaveLength(1);
    expect(emulator().recorder.responsesRequests()).toHaveLength(2);
    await provider.close();
  });
});

describe('an answer that is not JSON', () => {
  it('ResponseParseError naming the status, content type and body (complete and stream), through the real SDK', async () => {
    // A gateway in front of the resource that answers 200 with its own HTML page, and (badly)
    // echoes the request's headers in it.
    const server = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'text/html', 'apim-request-id': 'gw-1' });
      response.end(
        `<html><body>Please sign in to the corporate gateway. Your request: api-key=${String(request.headers['api-key'])}</body></html>`,
      );
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const provider = createAzureOpenAIProvider({
      config: resolveConfig(
        { azure_endpoint: `http://127.0.0.1:${port}`, api_key: 'gateway-test-key-0123' },
        {},
      ),
    });
    try {
      const error = await failure(provider.complete(hello));
      expect(ResponseParseError.isInstance(error)).toBe(true);
      expect(error.message).toContain('HTTP 200 (text/html)');
      expect(error.message).toContain('Please sign in to the corporate gateway');
      expect(error.message).toContain('api-key=[REDACTED]');
      expect(error.requestId).toBe('gw-1');
      expect(error.deployment).toBe('gpt-4o');
      expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('gateway-test-key');

      const streamError = await failure(
        (async () => {
          for await (const _ of provider.stream(hello)) {
            // never reached: the answer is not an event stream
          }
        })(),
      );
      expect(ResponseParseError.isInstance(streamError)).toBe(true);
      expect(streamError.message).toContain('(text/html), not an event stream');
      expect(streamError.requestId).toBe('gw-1');
    } finally {
      await provider.close();
      await new Promise(resolve => server.close(resolve));
    }
  });
});

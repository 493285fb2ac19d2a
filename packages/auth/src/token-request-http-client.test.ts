import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTokenRequestHttpClient,
  runWithTokenRequestContext,
  type TokenHttpTimers,
  type TokenPipelineRequest,
  type TokenRequestContext,
  TokenResponseHeaders,
} from './token-request-http-client.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  closed: Promise<void>;
}

let baseUrl: string;
const received: Received[] = [];
let server: ReturnType<typeof createServer>;

/** `/ok` answers JSON, `/gzip` answers gzipped JSON, anything else stalls. */
function handle(request: IncomingMessage, response: ServerResponse): void {
  const chunks: Buffer[] = [];
  const closed = new Promise<void>(resolve => response.once('close', () => resolve()));
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      closed,
    });
    if (request.url?.startsWith('/ok')) {
      response.writeHead(200, { 'content-type': 'application/json', 'X-Ms-Request-Id': 'r-1' });
      response.end('{"access_token":"t","expires_in":"3600"}');
    } else if (request.url === '/gzip') {
      response.writeHead(200, { 'content-encoding': 'gzip' });
      response.end(gzipSync('{"zipped":true}'));
    }
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>(resolve => server.close(() => resolve()));
});

function requestTo(path: string, extra: Partial<TokenPipelineRequest> = {}): TokenPipelineRequest {
  const headers = new TokenResponseHeaders();
  headers.set('X-IDENTITY-HEADER', 'h');
  return {
    url: `${baseUrl}${path}`,
    method: 'GET',
    headers,
    allowInsecureConnection: true,
    ...extra,
  };
}

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  const timers: TokenHttpTimers = {
    setTimeout(callback, ms) {
      next += 1;
      pending.set(next, { callback, ms });
      return next;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    pending,
    fireAll() {
      for (const [id, timer] of [...pending]) {
        pending.delete(id);
        timer.callback();
      }
    },
  };
}

async function untilReceived(count: number): Promise<Received> {
  while (received.length < count) await new Promise<void>(resolve => setImmediate(resolve));
  return received[count - 1] as Received;
}

function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('createTokenRequestHttpClient', () => {
  it('sends the request (headers, body) and returns status, case-insensitive headers and text', async () => {
    const { timers, pending } = manualTimers();
    const client = createTokenRequestHttpClient({ timers });
    const response = await client.sendRequest(
      requestTo('/ok?resource=x', { method: 'POST', body: 'a=1&b=2' }),
    );
    expect(response.status).toBe(200);
    expect(response.bodyAsText).toBe('{"access_token":"t","expires_in":"3600"}');
    expect(response.headers.get('x-ms-request-id')).toBe('r-1');
    expect(response.headers.toJSON()['x-ms-request-id']).toBe('r-1');
    expect([...response.headers].some(([name]) => name === 'content-type')).toBe(true);
    const seen = received.at(-1) as Received;
    expect(seen).toMatchObject({ method: 'POST', url: '/ok?resource=x', body: 'a=1&b=2' });
    expect(seen.headers['x-identity-header']).toBe('h');
    expect(seen.headers['content-length']).toBe('7');
    expect(pending.size).toBe(0); // the time bound was cleared
  });

  it('decodes a gzip answer', async () => {
    const client = createTokenRequestHttpClient();
    const response = await client.sendRequest(requestTo('/gzip'));
    expect(response.bodyAsText).toBe('{"zipped":true}');
  });

  it("the strategy's close signal (found through the context) destroys the socket", async () => {
    const client = createTokenRequestHttpClient();
    const controller = new AbortController();
    const context: TokenRequestContext = { signal: controller.signal, timeoutMs: 60_000 };
    const count = received.length + 1;
    const sent = runWithTokenRequestContext(context, () => client.sendRequest(requestTo('/stall')));
    const seen = await untilReceived(count);
    controller.abort();
    expect(await failure(sent)).toMatchObject({ name: 'AbortError' });
    await seen.closed;
    expect(context.timedOut).toBeUndefined();
  });

  it("the pipeline request's own abortSignal destroys the socket too", async () => {
    const client = createTokenRequestHttpClient();
    const controller = new AbortController();
    const count = received.length + 1;
    const sent = client.sendRequest(requestTo('/stall', { abortSignal: controller.signal }));
    const seen = await untilReceived(count);
    controller.abort();
    expect(await failure(sent)).toMatchObject({ name: 'AbortError' });
    await seen.closed;
  });

  it('refuses to send when a signal is already aborted', async () => {
    const client = createTokenRequestHttpClient();
    const count = received.length;
    const error = await failure(
      runWithTokenRequestContext({ signal: AbortSignal.abort(), timeoutMs: 1_000 }, () =>
        client.sendRequest(requestTo('/ok')),
      ),
    );
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(received).toHaveLength(count);
  });

  it('the time bound (context, or the shorter pipeline timeout) cancels a stalled request and marks the context', async () => {
    const { timers, pending, fireAll } = manualTimers();
    const client = createTokenRequestHttpClient({ timers });
    const context: TokenRequestContext = {
      signal: new AbortController().signal,
      timeoutMs: 5_000,
    };
    const count = received.length + 1;
    const sent = runWithTokenRequestContext(context, () =>
      client.sendRequest(requestTo('/stall', { timeout: 2_000 })),
    );
    const seen = await untilReceived(count);
    expect([...pending.values()].map(timer => timer.ms)).toEqual([2_000]);
    fireAll();
    const error = await failure(sent);
    // Not a RestError: core-rest-pipeline's retry policy rethrows it instead of retrying.
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT' });
    expect((error as Error).message).toContain('within 2000 ms');
    expect(context.timedOut).toEqual({ origin: baseUrl, timeoutMs: 2_000 });
    await seen.closed;
  });

  it('outside a context, the default bound applies', async () => {
    const { timers, pending, fireAll } = manualTimers();
    const client = createTokenRequestHttpClient({ timers, defaultTimeoutMs: 1_234 });
    const count = received.length + 1;
    const sent = client.sendRequest(requestTo('/stall'));
    await untilReceived(count);
    expect([...pending.values()].map(timer => timer.ms)).toEqual([1_234]);
    fireAll();
    expect(await failure(sent)).toMatchObject({ name: 'TimeoutError' });
  });

  it('a connection failure is a RestError with the system code (retried like the default client)', async () => {
    const probe = createServer();
    await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>(resolve => probe.close(() => resolve()));
    const client = createTokenRequestHttpClient();
    const error = await failure(
      client.sendRequest({ ...requestTo('/ok'), url: `http://127.0.0.1:${port}/token` }),
    );
    expect(error).toMatchObject({ name: 'RestError', code: 'ECONNREFUSED' });
  });

  it('refuses plain http unless allowInsecureConnection, and unsupported bodies', async () => {
    const client = createTokenRequestHttpClient();
    expect(
      await failure(client.sendRequest(requestTo('/ok', { allowInsecureConnection: false }))),
    ).toMatchObject({ message: expect.stringContaining('allowInsecureConnection is false') });
    expect(
      await failure(client.sendRequest(requestTo('/ok', { method: 'POST', body: { a: 1 } }))),
    ).toBeInstanceOf(TypeError);
  });
});

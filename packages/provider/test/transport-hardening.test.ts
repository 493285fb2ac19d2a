/**
 * The wire under attack, through the real `openai` SDK and real sockets on 127.0.0.1:
 * redirects to another origin, a body that trickles past the timeout, and TLS failures.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolveConfig } from '@amplifier-azure-openai/config';
import { TEST_TLS_CERT, TEST_TLS_KEY } from '@amplifier-azure-openai/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AzureOpenAIError,
  createAzureOpenAIProvider,
  RedirectRefusedError,
  TimeoutError,
  TlsError,
} from '../src/index.js';

const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };
const KEY = 'transport-test-key-7f3a9c';

const servers: Server[] = [];
const intervals: ReturnType<typeof setInterval>[] = [];

afterEach(async () => {
  for (const interval of intervals.splice(0)) clearInterval(interval);
  await Promise.all(
    servers.splice(0).map(
      server =>
        new Promise<void>(resolve => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function providerAt(endpoint: string, settings: Record<string, unknown> = {}) {
  return createAzureOpenAIProvider({
    config: resolveConfig(
      {
        azure_endpoint: endpoint,
        api_key: KEY,
        default_model: 'gpt-4o',
        max_retries: 0,
        ...settings,
      },
      {},
    ),
  });
}

async function failure(promise: Promise<unknown>): Promise<AzureOpenAIError> {
  try {
    await promise;
  } catch (error) {
    return error as AzureOpenAIError;
  }
  throw new Error('expected the call to fail');
}

describe('redirects', () => {
  it('a 307 to another origin is refused with a RedirectRefusedError naming that origin; the credential never reaches it', async () => {
    const seenByOther: IncomingHttpHeaders[] = [];
    const otherPort = await listen(
      createServer((request, response) => {
        seenByOther.push(request.headers);
        request.resume();
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{}');
      }),
    );
    const port = await listen(
      createServer((request, response) => {
        request.resume();
        response.writeHead(307, {
          location: `http://127.0.0.1:${otherPort}/steal?token=abc`,
        });
        response.end();
      }),
    );
    for (const stream of [false, true]) {
      const provider = providerAt(`http://127.0.0.1:${port}`);
      const error = await failure(provider.complete({ ...hello, stream }));
      await provider.close();
      expect(RedirectRefusedError.isInstance(error)).toBe(true);
      expect(error.status).toBe(307);
      expect(error.retryable).toBe(false);
      expect((error as RedirectRefusedError).locationOrigin).toBe(`http://127.0.0.1:${otherPort}`);
      expect(error.message).toContain(`http://127.0.0.1:${otherPort}`);
      expect(error.message).not.toContain('steal');
      expect(error.fix).toMatch(/azure_endpoint/);
    }
    expect(seenByOther).toHaveLength(0);
  });
});

describe('timeout bounds the body', () => {
  it('a non-streaming answer that sends its headers, then trickles a byte every 100 ms, ends with a TimeoutError', async () => {
    let closedByClient = false;
    const port = await listen(
      createServer((request, response) => {
        request.resume();
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{');
        const interval = setInterval(() => response.write(' '), 100);
        intervals.push(interval);
        response.on('close', () => {
          clearInterval(interval);
          closedByClient = true;
        });
      }),
    );
    const provider = providerAt(`http://127.0.0.1:${port}`, { timeout: 1 });
    const error = await failure(provider.complete(hello));
    await provider.close();
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error.code).toBe('body_timeout');
    expect(error.message).toContain('1 s');
    await expect.poll(() => closedByClient).toBe(true);
  });

  it('a per-request timeout bounds the body the same way', async () => {
    const port = await listen(
      createServer((request, response) => {
        request.resume();
        response.writeHead(200, { 'content-type': 'application/json' });
        const interval = setInterval(() => response.write(' '), 100);
        intervals.push(interval);
        response.on('close', () => clearInterval(interval));
      }),
    );
    const provider = providerAt(`http://127.0.0.1:${port}`, { timeout: 600 });
    const error = await failure(provider.complete({ ...hello, timeout: 1 }));
    await provider.close();
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error.code).toBe('body_timeout');
  });
});

describe('TLS failures are named', () => {
  it('a self-signed certificate is an untrusted-certificate TlsError with the fix (verification stays on)', async () => {
    let requests = 0;
    const server = createHttpsServer({ key: TEST_TLS_KEY, cert: TEST_TLS_CERT }, (_, response) => {
      requests++;
      response.end('{}');
    });
    const port = await listen(server as unknown as Server);
    const provider = providerAt(`https://127.0.0.1:${port}`);
    const error = await failure(provider.complete(hello));
    await provider.close();
    expect(TlsError.isInstance(error)).toBe(true);
    expect((error as TlsError).tlsFailure).toBe('untrusted-certificate');
    expect(error.message).toMatch(
      /TLS failed: the certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted/,
    );
    expect(error.fix).toContain('NODE_EXTRA_CA_CERTS');
    expect(error.fix).toMatch(/never turned off/);
    expect(error.retryable).toBe(false);
    expect(requests).toBe(0);
  });

  it('plain HTTP on an https:// address is a not-tls TlsError that says to check the port', async () => {
    const port = await listen(
      createServer((request, response) => {
        request.resume();
        response.end('{}');
      }),
    );
    const provider = providerAt(`https://127.0.0.1:${port}`);
    const error = await failure(provider.complete(hello));
    await provider.close();
    expect(TlsError.isInstance(error)).toBe(true);
    expect((error as TlsError).tlsFailure).toBe('not-tls');
    expect(error.message).toMatch(/plain HTTP on an https:\/\/ address/);
    expect(error.fix).toMatch(/port/);
  });
});

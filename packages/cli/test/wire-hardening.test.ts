/**
 * `chat` and `doctor` (child processes of the built CLI) against upstreams on 127.0.0.1 that
 * misbehave on the wire: a body that trickles past the timeout, a redirect to another origin, a
 * self-signed certificate, a certificate for another host name, and plain HTTP on an https
 * address; and `serve --verbose` with a key supplied through `Mount` that the upstream echoes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_TLS_CERT, TEST_TLS_KEY } from '@amplifier-azure-openai/test-utils';
import {
  type ChannelCredentials,
  type Client,
  credentials,
  loadPackageDefinition,
  Metadata,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSecrets } from './fixtures.js';
import { collect, runBin, spawnBin, waitForOutput } from './run-bin.js';

const KEY = 'wire-hardening-key-5c1e8a';
const servers: Server[] = [];
const intervals: ReturnType<typeof setInterval>[] = [];
const seenByOther: IncomingHttpHeaders[] = [];
let dir: string;
let settings: string;
let caFile: string;
let trickle: string;
let redirecting: string;
let otherOrigin: string;
let selfSigned: string;
let plainPort: number;

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amplifier-azure-openai-wire-'));
  settings = join(dir, 'settings.toml');
  writeFileSync(settings, 'timeout = 1\nmax_retries = 0\n');
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, TEST_TLS_CERT);
  const tricklePort = await listen(
    createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{');
      const interval = setInterval(() => response.write(' '), 100);
      intervals.push(interval);
      response.on('close', () => clearInterval(interval));
    }),
  );
  trickle = `http://127.0.0.1:${tricklePort}`;
  const otherPort = await listen(
    createServer((request, response) => {
      seenByOther.push(request.headers);
      request.resume();
      response.end('{}');
    }),
  );
  otherOrigin = `http://127.0.0.1:${otherPort}`;
  const redirectPort = await listen(
    createServer((request, response) => {
      request.resume();
      response.writeHead(302, { location: `${otherOrigin}/collect` });
      response.end();
    }),
  );
  redirecting = `http://127.0.0.1:${redirectPort}`;
  const tlsPort = await listen(
    createHttpsServer({ key: TEST_TLS_KEY, cert: TEST_TLS_CERT }, (_, response) =>
      response.end('{}'),
    ) as unknown as Server,
  );
  selfSigned = `https://127.0.0.1:${tlsPort}`;
  plainPort = await listen(
    createServer((request, response) => {
      request.resume();
      response.end('{}');
    }),
  );
});

afterAll(async () => {
  for (const interval of intervals) clearInterval(interval);
  await Promise.all(
    servers.map(
      server =>
        new Promise<void>(resolve => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
  rmSync(dir, { recursive: true, force: true });
});

const envFor = (endpoint: string, extra: Record<string, string> = {}) => ({
  AZURE_OPENAI_ENDPOINT: endpoint,
  AZURE_OPENAI_API_KEY: KEY,
  ...extra,
});

describe('timeout bounds the whole answer (CLI)', () => {
  it('chat: a body trickling past `timeout` ends with a TimeoutError', async () => {
    const result = await runBin(['chat', '--config', settings, 'hi'], envFor(trickle));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/TimeoutError/);
    expect(result.stderr).toMatch(/not the whole answer within 1 s/);
  });

  it('doctor: the deployment probe fails with the TimeoutError', async () => {
    const result = await runBin(['doctor', '--config', settings], envFor(trickle));
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(/FAIL\s+deployment .*TimeoutError/);
  });
});

describe('redirects (CLI)', () => {
  it('chat: a redirect to another origin is refused, naming it; the key never reaches it', async () => {
    const result = await runBin(['chat', '--config', settings, 'hi'], envFor(redirecting));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/RedirectRefusedError/);
    expect(result.stderr).toContain(otherOrigin);
    expect(seenByOther).toHaveLength(0);
    expectNoSecrets(result, KEY);
  });
});

describe('TLS failures are named (CLI)', () => {
  it('doctor: a self-signed certificate is reported as an untrusted certificate, with the fix', async () => {
    const result = await runBin(['doctor', '--config', settings], envFor(selfSigned));
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(
      /FAIL\s+deployment .*TlsError: TLS failed: the certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted/,
    );
    expect(result.stdout).toMatch(/fix: .*NODE_EXTRA_CA_CERTS/);
  });

  it('chat: a trusted certificate for another host name is a host name mismatch', async () => {
    const result = await runBin(
      ['chat', '--config', settings, 'hi'],
      envFor(selfSigned, { NODE_EXTRA_CA_CERTS: caFile }),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/TlsError/);
    expect(result.stderr).toMatch(/is for another host name/);
  });

  it('doctor: plain HTTP on an https:// address says so', async () => {
    const result = await runBin(
      ['doctor', '--config', settings],
      envFor(`https://127.0.0.1:${plainPort}`),
    );
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(
      /TlsError: TLS failed: .* answered in plain HTTP on an https:\/\//,
    );
  });
});

describe('serve --verbose (child process): a key supplied through Mount', () => {
  it('is scrubbed from the verbose output even when the upstream echoes it', async () => {
    const mountKey = 'mount-supplied-cli-key-93d1f0';
    const token = 'serve-token-for-wire-hardening-5c2e8a';
    const echo = await listen(
      createServer((request, response) => {
        request.resume();
        const key = String(request.headers['api-key']);
        response.writeHead(400, { 'content-type': 'application/json', 'x-echo': key });
        response.end(JSON.stringify({ error: { message: `rejected ${key}`, code: 'bad' } }));
      }),
    );
    const { protoPath, PROTO_LOADER_OPTIONS } = await import(
      'amplifier-module-provider-azure-openai'
    );
    const definition = loadSync(protoPath(), { ...PROTO_LOADER_OPTIONS });
    const module = (loadPackageDefinition(definition).amplifier as Record<string, unknown>)
      .module as Record<string, new (address: string, creds: ChannelCredentials) => Client>;
    const child = spawnBin(['serve', '--port', '0', '--verbose'], {
      AMPLIFIER_AZURE_OPENAI_SERVE_TOKEN: token,
    });
    const done = collect(child);
    const banner = await waitForOutput(child, /Press Ctrl\+C/);
    const address = `127.0.0.1:${/127\.0\.0\.1:(\d+)/.exec(banner)?.[1]}`;
    const lifecycle = new (module.ModuleLifecycle as NonNullable<typeof module.ModuleLifecycle>)(
      address,
      credentials.createInsecure(),
    );
    const provider = new (module.ProviderService as NonNullable<typeof module.ProviderService>)(
      address,
      credentials.createInsecure(),
    );
    try {
      const mounted = await unary(
        lifecycle,
        'Mount',
        {
          config: {
            azure_endpoint: `http://127.0.0.1:${echo}`,
            api_key: mountKey,
            max_retries: '0',
          },
        },
        token,
      );
      expect(mounted).toMatchObject({ success: true });
      const failed = await unary(
        provider,
        'Complete',
        { messages: [{ role: 'ROLE_USER', text_content: 'hi' }] },
        token,
      ).catch((error: unknown) => error as Error & { details?: string });
      expect(failed).toBeInstanceOf(Error);
      expect((failed as { details?: string }).details).toContain('rejected [REDACTED]');
    } finally {
      lifecycle.close();
      provider.close();
      child.kill('SIGTERM');
    }
    const result = await done;
    expect(result.stderr).toMatch(/llm:response/);
    expectNoSecrets(result, mountKey, token);
  });
});

/** One unary call carrying `authorization: Bearer <token>` (serve requires it). */
function unary(client: Client, method: string, request: Record<string, unknown>, token: string) {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    const fn = (client as unknown as Record<string, (...args: unknown[]) => unknown>)[method];
    if (fn === undefined) throw new Error(`no method ${method}`);
    fn.call(client, request, metadata, (error: Error | null, response: Record<string, unknown>) =>
      error ? reject(error) : resolve(response),
    );
  });
}

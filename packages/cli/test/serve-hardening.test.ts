import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { Emulator } from '@amplifier-azure-openai/emulator';
import { credentials } from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  emulatorEnv,
  expectErrorLine,
  tempDir as newTempDir,
  startTestEmulator,
} from './fixtures.js';
import { collect, runBin, spawnBin, waitForOutput } from './run-bin.js';
import { callOk, callUnary, serveClient } from './serve-client.js';

let emulator: Emulator;
const children: ChildProcess[] = [];

/** Remembers a spawned serve so that a failed assertion cannot leave it running. */
function track(child: ChildProcess): ChildProcess {
  children.push(child);
  return child;
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
const dirs: string[] = [];

/** A fresh temp dir, removed after the file's tests. */
function tempDir(): string {
  const dir = newTempDir();
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const hello = { messages: [{ role: 'ROLE_USER', text_content: 'hello hardening' }] };

function listenOnFreePort(): Promise<{ server: Server; port: number }> {
  return new Promise(resolve => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

describe('serve: binding', () => {
  it('a port in use: exactly one clear line on stderr and exit 1, no grpc-js log line', async () => {
    const { server, port } = await listenOnFreePort();
    try {
      const result = await runBin(['serve', '--port', String(port)], emulatorEnv(emulator));
      expect(result.code).toBe(1);
      const lines = result.stderr.split('\n').filter(line => line !== '');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^error: GrpcListenError: 127\\.0\\.0\\.1:${port} is already in use .*EADDRINUSE`,
        ),
      );
      expect(result.stderr).not.toContain('No address added');
      expect(result.stdout).not.toContain('READY');
    } finally {
      server.close();
    }
  });

  it('refuses a non-loopback host without TLS (exit 2, before binding)', async () => {
    const result = await runBin(
      ['serve', '--host', '0.0.0.0', '--port', '0'],
      emulatorEnv(emulator),
    );
    const line = expectErrorLine(result, 2, 'UsageError');
    expect(line).toContain('Refusing to listen on 0.0.0.0');
    expect(line).toContain('--tls-cert');
    expect(result.stdout).toBe('');
  });

  it('refuses --allow-unauthenticated-calls off loopback, even with TLS (exit 2)', async () => {
    const result = await runBin(
      [
        'serve',
        '--host',
        '0.0.0.0',
        '--tls-cert',
        'cert.pem',
        '--tls-key',
        'key.pem',
        '--allow-unauthenticated-calls',
      ],
      emulatorEnv(emulator),
    );
    const line = expectErrorLine(result, 2, 'UsageError');
    expect(line).toContain('--allow-unauthenticated-calls');
    expect(line).toContain('loopback');
  });

  it('--socket creates the Unix socket with mode 0600', async () => {
    const socket = join(tempDir(), 'provider.sock');
    const child = track(spawnBin(['serve', '--socket', socket], emulatorEnv(emulator)));
    const done = collect(child);
    const ready = await waitForOutput(child, /Press Ctrl\+C/);
    expect(ready.startsWith(`READY:unix:${socket}\n`)).toBe(true);
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });
});

describe('serve: the bearer token', () => {
  it('--token-file FILE that does not exist: generated there with mode 0600, accepted, removed on exit', async () => {
    const file = join(tempDir(), 'serve.token');
    const child = track(
      spawnBin(['serve', '--port', '0', '--token-file', file], emulatorEnv(emulator)),
    );
    const done = collect(child);
    const output = await waitForOutput(child, /Press Ctrl\+C/);
    const port = /^READY:(\d+)/.exec(output)?.[1];
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = readFileSync(file, 'utf8').trim();
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(output).not.toContain(token);
    const provider = serveClient('ProviderService', `127.0.0.1:${port}`);
    try {
      expect((await callUnary(provider, 'Complete', hello)).ok).toBe(false);
      expect(JSON.stringify(await callOk(provider, 'Complete', hello, token))).toContain(
        'Echo: hello hardening',
      );
    } finally {
      provider.close();
    }
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(result.stdout + result.stderr).not.toContain(token);
  });

  it('refuses a --token-file other users can read (exit 2, the token not shown)', async () => {
    const file = join(tempDir(), 'serve.token');
    writeFileSync(file, 'a-token-others-can-read-0123456789\n');
    chmodSync(file, 0o644);
    const result = await runBin(['serve', '--port', '0', '--token-file', file], {});
    const line = expectErrorLine(result, 2, 'UsageError');
    expect(line).toContain('chmod 600');
    expect(result.stderr + result.stdout).not.toContain('a-token-others-can-read');
  });

  it('refuses a token too short to be safe (exit 2)', async () => {
    const result = await runBin(['serve', '--port', '0'], {
      AMPLIFIER_AZURE_OPENAI_SERVE_TOKEN: 'short',
    });
    expectErrorLine(result, 2, 'UsageError');
  });
});

function makeSelfSignedCert(dir: string): { cert: string; key: string } | string {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return { cert, key };
  } catch (error) {
    return `openssl could not make a certificate: ${(error as Error).message}`;
  }
}

describe('serve over TLS', () => {
  const dir = tempDir();
  const made = makeSelfSignedCert(dir);

  it.skipIf(typeof made === 'string')(
    'serves over gRPC TLS with --tls-cert/--tls-key and the token; a plain-text client gets nothing',
    async () => {
      if (typeof made === 'string') return;
      const token = 'tls-serve-token-0123456789abcdef';
      const child = track(
        spawnBin(['serve', '--port', '0', '--tls-cert', made.cert, '--tls-key', made.key], {
          ...emulatorEnv(emulator),
          AMPLIFIER_AZURE_OPENAI_SERVE_TOKEN: token,
        }),
      );
      const done = collect(child);
      const output = await waitForOutput(child, /Press Ctrl\+C/);
      const port = /^READY:(\d+)/.exec(output)?.[1];
      expect(output).toContain(`endpoint = "https://127.0.0.1:${port}"`);
      const secure = serveClient(
        'ProviderService',
        `127.0.0.1:${port}`,
        credentials.createSsl(readFileSync(made.cert)),
      );
      const plain = serveClient('ProviderService', `127.0.0.1:${port}`);
      try {
        const answer = await callOk(secure, 'Complete', hello, token);
        expect(JSON.stringify(answer)).toContain('Echo: hello hardening');
        const refused = await callUnary(plain, 'Complete', hello, token);
        expect(refused.ok).toBe(false);
        expect(refused.ok ? 0 : refused.code).toBe(14);
      } finally {
        secure.close();
        plain.close();
      }
      child.kill('SIGTERM');
      expect((await done).code).toBe(0);
    },
  );
});

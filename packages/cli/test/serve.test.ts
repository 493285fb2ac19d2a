import { join } from 'node:path';
import type { Emulator } from '@amplifier-azure-openai/emulator';
import { type Client, credentials, loadPackageDefinition, Metadata } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from 'amplifier-module-provider-azure-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emulatorEnv,
  expectErrorLine,
  expectNoSecrets,
  startTestEmulator,
  tempDir,
  waitForRequestContaining,
} from './fixtures.js';
import { assertNoEnvSecrets, collect, runBin, spawnBin, waitForOutput } from './run-bin.js';

type Json = Record<string, unknown>;
type ClientConstructor = new (
  address: string,
  creds: ReturnType<typeof credentials.createInsecure>,
) => Client;

let emulator: Emulator;

/** The bearer token every call of these tests carries (serve requires one). */
const TOKEN = 'serve-token-for-the-serve-tests-0123';
const TOKEN_ENV = { AMPLIFIER_AZURE_OPENAI_SERVE_TOKEN: TOKEN };

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

/**
 * A client of `service` from the contract proto shipped with the adapter package (proven identical
 * to Amplifier's official amplifier_module.proto by the adapter's conformance tests).
 */
function officialClient(service: string, address: string): Client {
  const definition = loadSync(protoPath(), {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const pkg = (loadPackageDefinition(definition).amplifier as Json).module as Record<
    string,
    ClientConstructor
  >;
  const Service = pkg[service];
  if (Service === undefined) throw new Error(`no service ${service} in the official proto`);
  return new Service(address, credentials.createInsecure());
}

function unary(client: Client, method: string, request: Json = {}): Promise<Json> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, (...args: unknown[]) => unknown>)[method];
    if (fn === undefined) throw new Error(`no method ${method}`);
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${TOKEN}`);
    fn.call(client, request, metadata, (error: Error | null, response: Json) => {
      if (error) reject(error);
      else resolve(response);
    });
  });
}

/** `serve --port 0` against the emulator, once its banner is out, with a ProviderService client. */
async function serveWithProviderClient() {
  const child = spawnBin(['serve', '--port', '0'], { ...emulatorEnv(emulator), ...TOKEN_ENV });
  const done = collect(child);
  const banner = await waitForOutput(child, /Press Ctrl\+C/);
  const port = /127\.0\.0\.1:(\d+)/.exec(banner)?.[1];
  const provider = officialClient('ProviderService', `127.0.0.1:${port}`);
  return { child, done, provider };
}

describe('serve (child process, called through the official proto)', () => {
  it('prints the endpoint and amplifier.toml, answers HealthCheck and Complete, stops on SIGTERM', async () => {
    const child = spawnBin(['serve', '--port', '0'], { ...emulatorEnv(emulator), ...TOKEN_ENV });
    const done = collect(child);
    const banner = await waitForOutput(child, /Press Ctrl\+C/);
    const endpoint = /gRPC at (http:\/\/127\.0\.0\.1:(\d+))/.exec(banner);
    expect(endpoint).not.toBeNull();
    expect(banner).toContain('[module]');
    expect(banner).toContain('transport = "grpc"');
    expect(banner).toContain('type = "provider"');
    expect(banner).toContain(`endpoint = "${endpoint?.[1]}"`);

    const address = `127.0.0.1:${endpoint?.[2]}`;
    const lifecycle = officialClient('ModuleLifecycle', address);
    const provider = officialClient('ProviderService', address);
    try {
      expect(await unary(lifecycle, 'HealthCheck')).toMatchObject({
        status: 'HEALTH_STATUS_SERVING',
      });
      const response = await unary(provider, 'Complete', {
        messages: [{ role: 'ROLE_USER', text_content: 'hello grpc' }],
      });
      expect(JSON.stringify(response)).toContain('Echo: hello grpc');
    } finally {
      lifecycle.close();
      provider.close();
    }

    child.kill('SIGTERM');
    const result = await done;
    assertNoEnvSecrets(result, emulatorEnv(emulator));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('SIGTERM: shutting down');
    expect(result.stdout).toContain('Stopped.');
    expectNoSecrets(result, emulator.apiKey);
  });

  it('lets a call in flight finish when SIGTERM arrives', async () => {
    const { child, done, provider } = await serveWithProviderClient();
    try {
      emulator.addFault({ kind: 'latency', ms: 800 });
      const call = unary(provider, 'Complete', {
        messages: [{ role: 'ROLE_USER', text_content: 'slow one' }],
      });
      // SIGTERM once the emulator holds the request (the latency fault keeps it in flight).
      await waitForRequestContaining(emulator, 'slow one');
      child.kill('SIGTERM');
      expect(JSON.stringify(await call)).toContain('Echo: slow one');
    } finally {
      provider.close();
      emulator.clearFaults();
    }
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
  });

  it('a second SIGINT cancels the call in flight at once: exit 130', async () => {
    const { child, done, provider } = await serveWithProviderClient();
    try {
      emulator.addFault({ kind: 'latency', ms: 30_000 });
      const call = unary(provider, 'Complete', {
        messages: [{ role: 'ROLE_USER', text_content: 'never finishes' }],
      }).catch((error: Error & { code?: number }) => error);
      await waitForRequestContaining(emulator, 'never finishes');
      child.kill('SIGINT');
      await waitForOutput(child, /a second Ctrl\+C cancels them/);
      child.kill('SIGINT');
      const failure = await call;
      expect(failure).toBeInstanceOf(Error);
      // CANCELLED (1) or UNAVAILABLE (14): the server went away with the call.
      expect([1, 14]).toContain((failure as { code?: number }).code);
    } finally {
      provider.close();
      emulator.clearFaults();
    }
    const result = await done;
    expect(result.code, result.stderr).toBe(130);
    expect(result.stdout).toContain('SIGINT: cancelling the calls in flight.');
    expect(result.stdout).toContain('Stopped.');
  });

  it('starts unconfigured and waits for Mount when there is no endpoint', async () => {
    const child = spawnBin(['serve', '--port', '0'], TOKEN_ENV);
    const done = collect(child);
    const banner = await waitForOutput(child, /Press Ctrl\+C/);
    expect(banner).toContain('waiting for ModuleLifecycle.Mount');
    const port = /127\.0\.0\.1:(\d+)/.exec(banner)?.[1];
    const lifecycle = officialClient('ModuleLifecycle', `127.0.0.1:${port}`);
    try {
      expect(await unary(lifecycle, 'HealthCheck')).toMatchObject({
        status: 'HEALTH_STATUS_NOT_SERVING',
      });
    } finally {
      lifecycle.close();
    }
    child.kill('SIGINT');
    expect((await done).code).toBe(0);
  });

  it('serves on a Unix socket', async () => {
    const socket = join(tempDir(), 'provider.sock');
    const child = spawnBin(['serve', '--socket', socket], {
      ...emulatorEnv(emulator),
      ...TOKEN_ENV,
    });
    const done = collect(child);
    const banner = await waitForOutput(child, /Press Ctrl\+C/);
    expect(banner).toContain(`endpoint = "unix:${socket}"`);
    const lifecycle = officialClient('ModuleLifecycle', `unix:${socket}`);
    try {
      expect(await unary(lifecycle, 'HealthCheck')).toMatchObject({
        status: 'HEALTH_STATUS_SERVING',
      });
    } finally {
      lifecycle.close();
    }
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('refuses --port together with --socket (exit 2)', async () => {
    const result = await runBin(
      ['serve', '--port', '1', '--socket', '/tmp/x.sock'],
      emulatorEnv(emulator),
    );
    expectErrorLine(result, 2, 'UsageError');
  });
});

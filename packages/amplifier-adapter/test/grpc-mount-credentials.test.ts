import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import {
  type Client,
  credentials,
  loadPackageDefinition,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { protoPath } from '../src/grpc/proto-path.js';
import { PROTO_LOADER_OPTIONS } from '../src/grpc/proto-types.js';
import { type GrpcServerHandle, startGrpcServer } from '../src/grpc/start-grpc-server.js';

/*
 * Mount may never pair a new endpoint with credentials it did not bring: a caller that reaches
 * the port (and even holds the token) must not be able to send the start-up key elsewhere.
 */

type Json = Record<string, unknown>;
const TOKEN = 'mount-credentials-token-0123456789';
const MOUNT_KEY = 'key-brought-by-the-mount-call-0123';

const pkg = (loadPackageDefinition(loadSync(protoPath(), PROTO_LOADER_OPTIONS)).amplifier as Json)
  .module as Record<string, new (address: string, creds: unknown) => Client>;

function call(client: Client, method: string, request: Json): Promise<Json> {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${TOKEN}`);
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, (...args: unknown[]) => unknown>)[method];
    fn?.call(client, request, metadata, (error: ServiceError | null, response: Json) =>
      error ? reject(error) : resolve(response),
    );
  });
}

/** A loopback HTTP server that records the headers of every request and answers 401. */
function startRecorder(): Promise<{ server: Server; url: string; headers: IncomingHttpHeaders[] }> {
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    headers.push(request.headers);
    request.resume();
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end('{"error":{"code":"401","message":"recorder"}}');
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}`, headers });
    }),
  );
}

const hello = { messages: [{ role: 'ROLE_USER', text_content: 'still the start-up endpoint' }] };

let emulator: Emulator;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let server: GrpcServerHandle | undefined;
let clients: Client[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  recorder = await startRecorder();
});
afterAll(async () => {
  await emulator.close();
  await new Promise(resolve => recorder.server.close(resolve));
});
afterEach(async () => {
  for (const client of clients) client.close();
  clients = [];
  await server?.close(0);
  server = undefined;
  recorder.headers.length = 0;
});

async function serveWith(options: {
  config?: Json;
  env?: Record<string, string>;
}): Promise<{ provider: Client; lifecycle: Client }> {
  server = await startGrpcServer({
    config: { max_retries: 0, ...options.config },
    env: options.env ?? {},
    port: 0,
    token: TOKEN,
  });
  const provider = new pkg.ProviderService!(server.address, credentials.createInsecure());
  const lifecycle = new pkg.ModuleLifecycle!(server.address, credentials.createInsecure());
  clients = [provider, lifecycle];
  return { provider, lifecycle };
}

function sawKey(key: string): boolean {
  return recorder.headers.some(headers => JSON.stringify(headers).includes(key));
}

describe('Mount keeps the start-up credentials bound to the start-up endpoint', () => {
  for (const [label, setup] of [
    ['config', { config: { azure_endpoint: 'EMULATOR', api_key: 'KEY' } }],
    ['environment', { env: { AZURE_OPENAI_ENDPOINT: 'EMULATOR', AZURE_OPENAI_API_KEY: 'KEY' } }],
  ] as const) {
    it(`a new azure_endpoint without a key is refused; the start-up key (${label}) never goes there`, async () => {
      const fill = (value: Record<string, string>) =>
        Object.fromEntries(
          Object.entries(value).map(([k, v]) => [
            k,
            v === 'EMULATOR' ? emulator.url : v === 'KEY' ? emulator.apiKey : v,
          ]),
        );
      const { provider, lifecycle } = await serveWith(
        'config' in setup ? { config: fill(setup.config) } : { env: fill(setup.env) },
      );
      const mounted = await call(lifecycle, 'Mount', { config: { azure_endpoint: recorder.url } });
      expect(mounted.success).toBe(false);
      expect(String(mounted.error)).toContain('brings no api_key or azure_ad_token');
      expect(String(mounted.error)).not.toContain(emulator.apiKey);
      // The start-up provider still serves, at the start-up endpoint.
      const answer = await call(provider, 'Complete', hello);
      expect(JSON.stringify(answer)).toContain('Echo: still the start-up endpoint');
      await call(provider, 'Complete', { ...hello, model: 'gpt-4o' }).catch(() => undefined);
      expect(recorder.headers).toHaveLength(0);
    });
  }

  it('a deployment_mapping endpoint the server was not started with counts as new', async () => {
    const { provider, lifecycle } = await serveWith({
      config: { azure_endpoint: emulator.url, api_key: emulator.apiKey },
    });
    const mounted = await call(lifecycle, 'Mount', {
      config: {
        deployment_mapping: JSON.stringify({
          'gpt-5': { deployment: 'x', endpoint: recorder.url },
        }),
      },
    });
    expect(mounted.success).toBe(false);
    await call(provider, 'Complete', { ...hello, model: 'gpt-5' }).catch(() => undefined);
    expect(sawKey(emulator.apiKey)).toBe(false);
  });

  it('a new endpoint with its own key is mounted and gets only that key', async () => {
    const { provider, lifecycle } = await serveWith({
      config: { azure_endpoint: emulator.url, api_key: emulator.apiKey },
    });
    const mounted = await call(lifecycle, 'Mount', {
      config: { azure_endpoint: recorder.url, api_key: MOUNT_KEY },
    });
    expect(mounted.success).toBe(true);
    await expect(call(provider, 'Complete', hello)).rejects.toThrow();
    expect(recorder.headers.length).toBeGreaterThan(0);
    expect(sawKey(MOUNT_KEY)).toBe(true);
    expect(sawKey(emulator.apiKey)).toBe(false);
  });

  it("a new endpoint may not use this machine's identity", async () => {
    const { lifecycle } = await serveWith({
      config: { azure_endpoint: emulator.url, api_key: emulator.apiKey },
    });
    const mounted = await call(lifecycle, 'Mount', {
      config: { azure_endpoint: recorder.url, api_key: MOUNT_KEY, use_managed_identity: 'true' },
    });
    expect(mounted.success).toBe(false);
    expect(String(mounted.error)).toContain('use_managed_identity');
  });

  it('a Mount that keeps the start-up endpoint keeps the start-up credentials', async () => {
    const { provider, lifecycle } = await serveWith({
      config: { azure_endpoint: emulator.url, api_key: emulator.apiKey },
    });
    const mounted = await call(lifecycle, 'Mount', { config: { temperature: '0.2' } });
    expect(mounted.success).toBe(true);
    const answer = await call(provider, 'Complete', hello);
    expect(JSON.stringify(answer)).toContain('Echo: still the start-up endpoint');
  });
});

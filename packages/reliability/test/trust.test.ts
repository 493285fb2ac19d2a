/**
 * Trust: http endpoints are refused outside loopback (main endpoint and failover endpoints); TLS
 * verification is never turned off in any package's built output or sources; the API key goes
 * only to the configured endpoint, only in the `api-key` header (never in a URL, never to the
 * managed-identity token endpoint).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, resolveConfig } from '@amplifier-azure-openai/config';
import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import { createAzureOpenAIProvider } from '@amplifier-azure-openai/provider';
import { isolateIdentityEnv } from '@amplifier-azure-openai/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function configErrorFor(settings: Record<string, unknown>): ConfigError | undefined {
  try {
    resolveConfig(settings, {});
    return undefined;
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    return error;
  }
}

describe('http only on loopback', () => {
  const refused = [
    'http://example.com',
    'http://my-resource.openai.azure.com',
    'http://127.0.0.1.nip.io',
    'http://localhost.evil.com',
    'http://localhost@evil.com',
    'http://evil.com#@127.0.0.1',
    'http://0.0.0.0:8080',
    'http://10.0.0.1',
    'http://[::ffff:8.8.8.8]',
  ];
  const accepted = [
    'http://127.0.0.1:8080',
    'http://localhost:1234',
    'http://[::1]:9000',
    'https://x.openai.azure.com',
  ];

  it.each(refused)(
    'refuses azure_endpoint %s with a ConfigError naming the key and a fix',
    endpoint => {
      const error = configErrorFor({ azure_endpoint: endpoint, api_key: 'k'.repeat(32) });
      expect(error, endpoint).toBeDefined();
      const problem = error?.problems.find(entry => entry.key === 'azure_endpoint');
      expect(problem?.fix).toBeTruthy();
    },
  );

  it.each(accepted)('accepts azure_endpoint %s', endpoint => {
    expect(configErrorFor({ azure_endpoint: endpoint, api_key: 'k'.repeat(32) })).toBeUndefined();
  });

  it.each(refused)('refuses a failover endpoint %s in deployment_mapping', endpoint => {
    const error = configErrorFor({
      azure_endpoint: 'https://x.openai.azure.com',
      api_key: 'k'.repeat(32),
      deployment_mapping: { 'gpt-5': [{ deployment: 'a' }, { deployment: 'b', endpoint }] },
    });
    expect(error, endpoint).toBeDefined();
  });
});

/** Every file under `dir` (recursively) whose name ends with one of `extensions`. */
function filesUnder(dir: string, extensions: readonly string[]): string[] {
  const found: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry === 'node_modules') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...filesUnder(path, extensions));
    else if (extensions.some(extension => entry.endsWith(extension))) found.push(path);
  }
  return found;
}

describe('TLS verification is never turned off', () => {
  const TLS_OFF = [
    /rejectUnauthorized\s*:\s*(false|0)/,
    /NODE_TLS_REJECT_UNAUTHORIZED/,
    /checkServerIdentity\s*:\s*\(\s*\)\s*=>\s*(undefined|null)/,
    /insecureHTTPParser\s*:\s*true/,
  ];

  it('no package dist or source disables certificate checks', () => {
    const packages = readdirSync(join(REPO, 'packages')).filter(name => name !== 'reliability');
    const files = packages.flatMap(name => [
      ...filesUnder(join(REPO, 'packages', name, 'dist'), ['.js', '.cjs', '.mjs']),
      ...filesUnder(join(REPO, 'packages', name, 'src'), ['.ts']).filter(
        file => !file.endsWith('.test.ts'),
      ),
    ]);
    expect(files.filter(file => file.includes(`${join('dist', '')}`)).length).toBeGreaterThan(5);
    const offending = files.flatMap(file => {
      const text = readFileSync(file, 'utf8');
      return TLS_OFF.filter(pattern => pattern.test(text)).map(pattern => `${file}: ${pattern}`);
    });
    expect(offending).toEqual([]);
  });
});

describe('the API key goes only to the configured endpoint, only in the api-key header', () => {
  let main: Emulator;
  let failover: Emulator;
  beforeAll(async () => {
    main = await startEmulator({});
    // The failover resource shares the key (same key configured for the whole provider).
    failover = await startEmulator({ apiKey: main.apiKey });
  });
  afterAll(async () => {
    await main.close();
    await failover.close();
  });

  it('api key: header only, on the main and the configured failover endpoint; no token endpoint request', async () => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    main.addFault({
      kind: 'server-error',
      status: 503,
      deployment: 'production-gpt5',
      times: 'always',
    });
    const provider = createAzureOpenAIProvider({
      config: resolveConfig(
        {
          azure_endpoint: main.url,
          api_key: main.apiKey,
          max_retries: 0,
          deployment_mapping: {
            'gpt-5': [
              { deployment: 'production-gpt5' },
              { deployment: 'backup-gpt5', endpoint: failover.url },
            ],
          },
        },
        {},
      ),
      fetch: async (input, init) => {
        const headers: Record<string, string> = {};
        new Headers(init?.headers).forEach((value, key) => {
          headers[key] = value;
        });
        seen.push({ url: String(input instanceof Request ? input.url : input), headers });
        return fetch(input, init);
      },
    });
    const response = await provider.complete({
      model: 'gpt-5',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(response.metadata?.deployment).toBe('backup-gpt5');
    await provider.close();
    main.clearFaults();

    expect(seen.map(entry => new URL(entry.url).origin)).toEqual([main.url, failover.url]);
    for (const entry of seen) {
      expect(entry.url).not.toContain(main.apiKey);
      expect(entry.headers['api-key']).toBe(main.apiKey);
      expect(entry.headers.authorization).toBeUndefined();
      expect(
        Object.entries(entry.headers).filter(([, value]) => value.includes(main.apiKey)),
      ).toEqual([['api-key', main.apiKey]]);
    }
    for (const emulator of [main, failover]) {
      for (const request of emulator.recorder.requests) {
        expect(request.surface).not.toBe('identity');
        expect(request.auth).toBe('api-key');
        expect(JSON.stringify(request.query)).not.toContain(main.apiKey);
        expect(request.path).not.toContain(main.apiKey);
        expect(JSON.stringify(request.body)).not.toContain(main.apiKey);
      }
    }
  });

  it('dated surface: only api-version in the query string', async () => {
    main.recorder.clear();
    const provider = createAzureOpenAIProvider({
      config: resolveConfig(
        { azure_endpoint: main.url, api_key: main.apiKey, api_version: '2025-04-01-preview' },
        {},
      ),
    });
    await provider.complete({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
    await provider.close();
    for (const request of main.recorder.responsesRequests()) {
      expect(Object.keys(request.query)).toEqual(['api-version']);
      expect(request.auth).toBe('api-key');
    }
  });

  it('managed identity: the token endpoint never sees an api-key; the resource sees only the bearer token', async () => {
    main.recorder.clear();
    const restore = isolateIdentityEnv({
      IDENTITY_ENDPOINT: main.identityEndpoint,
      IDENTITY_HEADER: main.identityHeader,
      AZURE_OPENAI_API_KEY: main.apiKey, // present in the environment, but not configured
    });
    try {
      const provider = createAzureOpenAIProvider({
        config: resolveConfig({ azure_endpoint: main.url, use_managed_identity: true }, {}),
      });
      await provider.complete({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
      await provider.close();
    } finally {
      restore();
    }
    const identity = main.recorder.requests.filter(request => request.surface === 'identity');
    expect(identity.length).toBeGreaterThan(0);
    for (const request of [...main.recorder.requests]) {
      expect(request.headers['api-key']).toBeUndefined();
      expect(JSON.stringify(request.query)).not.toContain(main.apiKey);
    }
    expect(
      main.recorder.responsesRequests().every(request => request.auth === 'bearer-token'),
    ).toBe(true);
  });
});

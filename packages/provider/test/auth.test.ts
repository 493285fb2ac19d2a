import { createAuthStrategy } from '@amplifier-azure-openai/auth';
import type { Emulator } from '@amplifier-azure-openai/emulator';
import { isolateIdentityEnv } from '@amplifier-azure-openai/test-utils';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../src/index.js';
import { providerFor, SETUP_TIMEOUT_MS, startTestEmulator } from './harness.js';

let emulator: Emulator;
let restoreEnv: (() => void) | undefined;

beforeAll(async () => {
  emulator = await startTestEmulator();
  restoreEnv = isolateIdentityEnv({
    IDENTITY_ENDPOINT: emulator.identityEndpoint,
    IDENTITY_HEADER: emulator.identityHeader,
  });
}, SETUP_TIMEOUT_MS);
afterAll(async () => {
  restoreEnv?.();
  await emulator?.close();
});
beforeEach(() => {
  emulator.recorder.clear();
});

const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };

describe('auth through the provider', () => {
  it('api key: sent as the api-key header only', async () => {
    const { provider } = providerFor(emulator);
    await provider.complete(hello);
    await provider.complete(hello);
    for (const request of emulator.recorder.responsesRequests()) {
      expect(request.auth).toBe('api-key');
      expect(request.headers.authorization).toBeUndefined();
      expect(Object.values(request.query).join(' ')).not.toContain(emulator.apiKey);
    }
    await provider.close();
  });

  it('Entra token (azure_ad_token): Bearer only, no api-key header', async () => {
    const { provider } = providerFor(emulator, {
      withoutApiKey: true,
      settings: { azure_ad_token: emulator.issueToken() },
    });
    await provider.complete(hello);
    const request = emulator.recorder.responsesRequests()[0]!;
    expect(request.auth).toBe('bearer-token');
    expect(request.headers['api-key']).toBeUndefined();
    await provider.close();
  });

  it('managed identity: the real ManagedIdentityCredential, token fetched once and reused', async () => {
    const before = emulator.tokenRequests();
    const { provider } = providerFor(emulator, {
      withoutApiKey: true,
      settings: { use_managed_identity: true },
    });
    await provider.complete(hello);
    await provider.complete(hello);
    const requests = emulator.recorder.responsesRequests();
    expect(requests.map(request => request.auth)).toEqual(['bearer-token', 'bearer-token']);
    expect(requests[0]!.headers['api-key']).toBeUndefined();
    expect(emulator.tokenRequests() - before).toBeLessThanOrEqual(1);
    await provider.close();
  });

  it('a programmatic token provider is called for every request', async () => {
    let calls = 0;
    const auth = createAuthStrategy({
      tokenProvider: async () => {
        calls++;
        return emulator.issueToken();
      },
    });
    const { provider } = providerFor(emulator, { withoutApiKey: true, options: { auth } });
    await provider.complete(hello);
    await provider.complete(hello);
    expect(calls).toBe(2);
    expect(emulator.recorder.responsesRequests().map(request => request.auth)).toEqual([
      'bearer-token',
      'bearer-token',
    ]);
    await provider.close();
  });

  it('a rejected token gives an AuthenticationError naming the method, without the token', async () => {
    const token = emulator.issueToken({ audience: 'https://management.azure.com' });
    const { provider, sink } = providerFor(emulator, {
      withoutApiKey: true,
      settings: { azure_ad_token: token },
    });
    const error = await provider.complete(hello).catch(e => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.authMethod).toBe('azure-ad-token');
    expect(error.status).toBe(401);
    expect(error.fix).toContain('cognitiveservices.azure.com');
    const everything = `${error.message} ${JSON.stringify(error)} ${JSON.stringify(sink.events)}`;
    expect(everything).not.toContain(token);
    await provider.close();
  });
});

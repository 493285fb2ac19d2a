/**
 * The adapters plugged into the real `openai` SDK, authenticated by the real
 * ManagedIdentityCredential against the emulator (token endpoint and Responses API).
 * One emulator per file: MSAL keeps its managed-identity source in static fields.
 */
import type { Emulator } from '@amplifier-azure-openai/emulator';
import { startEmulator } from '@amplifier-azure-openai/emulator';
import { isolateIdentityEnv } from '@amplifier-azure-openai/test-utils';
import OpenAI, { AzureOpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthStrategy, getBearerTokenProvider } from '../src/index.js';

let emulator: Emulator;
let restoreEnv: () => void;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  restoreEnv = isolateIdentityEnv({
    IDENTITY_ENDPOINT: emulator.identityEndpoint,
    IDENTITY_HEADER: emulator.identityHeader,
  });
});

afterAll(async () => {
  restoreEnv?.();
  await emulator?.close();
});

function lastResponsesRequest() {
  return emulator.recorder.responsesRequests().at(-1);
}

describe.sequential('openai SDK adapters', () => {
  it('AzureOpenAI({ azureADTokenProvider: strategy.tokenProvider() }): one token for many requests', async () => {
    const before = emulator.tokenRequests('system');
    const strategy = createAuthStrategy({ useManagedIdentity: true });
    let providerCalls = 0;
    const provider = strategy.tokenProvider();
    const client = new AzureOpenAI({
      endpoint: emulator.url,
      apiVersion: '2025-04-01-preview',
      azureADTokenProvider: () => {
        providerCalls += 1;
        return provider();
      },
      maxRetries: 0,
    });
    for (let index = 0; index < 3; index += 1) {
      const response = await client.responses.create({ model: 'gpt-4o', input: 'hello' });
      expect(response.status).toBe('completed');
      expect(lastResponsesRequest()?.auth).toBe('bearer-token');
      expect(lastResponsesRequest()?.surface).toBe('dated');
    }
    expect(providerCalls).toBe(3); // the SDK asks for every request...
    expect(emulator.tokenRequests('system') - before).toBe(1); // ...the cache answers
  });

  it('OpenAI({ baseURL: .../openai/v1, apiKey: tokenProvider }) on the v1 surface', async () => {
    const strategy = createAuthStrategy({ useManagedIdentity: true });
    const client = new OpenAI({
      baseURL: `${emulator.url}/openai/v1`,
      apiKey: strategy.tokenProvider(),
      maxRetries: 0,
    });
    const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'hi' });
    expect(response.status).toBe('completed');
    expect(lastResponsesRequest()).toMatchObject({ surface: 'v1', auth: 'bearer-token' });
  });

  it('api-key headers are accepted as is', async () => {
    const strategy = createAuthStrategy({ apiKey: emulator.apiKey });
    const response = await fetch(`${emulator.url}/openai/v1/responses`, {
      method: 'POST',
      headers: { ...(await strategy.getAuthHeaders()), 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', input: 'hello' }),
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(lastResponsesRequest()?.auth).toBe('api-key');
  });

  it('getBearerTokenProvider(new ManagedIdentityCredential()) works as azureADTokenProvider', async () => {
    const { ManagedIdentityCredential } = await import('@azure/identity');
    const before = emulator.tokenRequests('system');
    const client = new AzureOpenAI({
      endpoint: emulator.url,
      apiVersion: '2025-04-01-preview',
      // A scope no earlier test used, so MSAL's static cache cannot answer for it.
      azureADTokenProvider: getBearerTokenProvider(
        new ManagedIdentityCredential(),
        'https://ai.azure.com/.default',
      ),
      maxRetries: 0,
    });
    await client.responses.create({ model: 'gpt-4o', input: 'one' });
    await client.responses.create({ model: 'gpt-4o', input: 'two' });
    expect(lastResponsesRequest()?.auth).toBe('bearer-token');
    expect(emulator.tokenRequests('system') - before).toBe(1);
  });
});

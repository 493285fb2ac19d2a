import { ManagedIdentityCredential } from '@azure/identity';
import { AzureOpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { SYSTEM_CLIENT_ID, startEmulator } from '../src/index.js';
import { useIdentityEnv } from './identity-env.js';

const SCOPE = 'https://cognitiveservices.azure.com/.default';
const USER_ID = '11111111-2222-4333-8444-555555555555';
const FAULT_ID = '66666666-7777-4888-9999-000000000000';

// MSAL pins the managed-identity source (endpoint) for the whole process and caches tokens per
// identity, so this file uses one emulator and a distinct client id per scenario.
let emulator: Emulator;
let restoreEnv: () => void;

beforeAll(async () => {
  emulator = await startEmulator({ userAssignedClientIds: [USER_ID, FAULT_ID] });
  restoreEnv = useIdentityEnv(emulator);
});

afterAll(async () => {
  restoreEnv();
  await emulator.close();
});

describe('App Service managed identity with the real ManagedIdentityCredential', () => {
  it('issues a system-assigned token that the Responses API accepts, and MSAL caches it', async () => {
    const credential = new ManagedIdentityCredential();
    const token = await credential.getToken(SCOPE);
    expect(token.token.split('.')).toHaveLength(3);
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 3000_000);
    expect(emulator.tokenRequests()).toBe(1);
    expect(emulator.tokenRequests('system')).toBe(1);
    const tokenRequest = emulator.recorder.requests.find(r => r.surface === 'identity');
    expect(tokenRequest).toMatchObject({
      method: 'GET',
      auth: 'identity-header',
      status: 200,
      query: { 'api-version': '2019-08-01', resource: 'https://cognitiveservices.azure.com' },
    });
    expect(tokenRequest?.headers['x-identity-header']).not.toContain(emulator.identityHeader);

    await credential.getToken(SCOPE);
    expect(emulator.tokenRequests()).toBe(1);

    const client = new AzureOpenAI({
      endpoint: emulator.url,
      apiVersion: '2025-04-01-preview',
      azureADTokenProvider: async () => (await credential.getToken(SCOPE)).token,
      maxRetries: 0,
    });
    const response = await client.responses.create({
      model: 'gpt-4.1',
      input: 'hi from a managed identity',
    });
    expect(response.output_text).toBe('Echo: hi from a managed identity');
    expect(emulator.recorder.last()).toMatchObject({
      surface: 'dated',
      auth: 'bearer-token',
      status: 200,
    });
    expect(emulator.recorder.last()?.clientId).toBeUndefined();
  });

  it('issues user-assigned tokens for known client ids and counts them per id', async () => {
    const credential = new ManagedIdentityCredential({ clientId: USER_ID });
    await credential.getToken(SCOPE);
    const identityRequest = emulator.recorder.requests.filter(r => r.surface === 'identity').at(-1);
    expect(identityRequest?.query.client_id).toBe(USER_ID);
    expect(emulator.tokenRequests(USER_ID)).toBe(1);

    const client = new AzureOpenAI({
      endpoint: emulator.url,
      apiVersion: '2025-04-01-preview',
      azureADTokenProvider: async () => (await credential.getToken(SCOPE)).token,
      maxRetries: 0,
    });
    await client.responses.create({ model: 'gpt-4.1', input: 'hello' });
    expect(emulator.recorder.last()).toMatchObject({ auth: 'bearer-token', clientId: USER_ID });
    expect(SYSTEM_CLIENT_ID).not.toBe(USER_ID);
  });

  it('rejects an unknown user-assigned client id like App Service does', async () => {
    const before = emulator.tokenRequests();
    const credential = new ManagedIdentityCredential({
      clientId: '99999999-9999-4999-8999-999999999999',
    });
    const error = await credential.getToken(SCOPE).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/Unable to load the proper Managed Identity/);
    expect(emulator.tokenRequests()).toBe(before);
    expect(emulator.recorder.requests.filter(r => r.surface === 'identity').at(-1)?.status).toBe(
      400,
    );
  });

  it('serves a token-endpoint fault: 400 fails, 500 once is retried by MSAL', async () => {
    emulator.addFault({ kind: 'token-endpoint-error', status: 400 });
    const credential = new ManagedIdentityCredential({ clientId: FAULT_ID });
    const error = await credential.getToken(SCOPE).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(emulator.tokenRequests(FAULT_ID)).toBe(0);

    emulator.addFault({ kind: 'token-endpoint-error', status: 500, times: 1 });
    const token = await credential.getToken(SCOPE);
    expect(token.token).toBeTruthy();
    const statuses = emulator.recorder.requests
      .filter(r => r.surface === 'identity' && r.clientId === FAULT_ID)
      .map(r => [r.status, r.faults]);
    expect(statuses).toEqual([
      [400, ['token-endpoint-error']],
      [500, ['token-endpoint-error']],
      [200, []],
    ]);
    expect(emulator.tokenRequests(FAULT_ID)).toBe(1);
  }, 20_000);

  it('refuses a token request without the identity header', async () => {
    const response = await fetch(
      `${emulator.identityEndpoint}?api-version=2019-08-01&resource=https://cognitiveservices.azure.com`,
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('apim-request-id')).toBeTruthy();
  });
});

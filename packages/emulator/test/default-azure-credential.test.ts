import { DefaultAzureCredential } from '@azure/identity';
import { AzureOpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { startEmulator } from '../src/index.js';
import { useIdentityEnv } from './identity-env.js';

const SCOPE = 'https://cognitiveservices.azure.com/.default';
const USER_ID = 'abcdefab-1234-4abc-8def-1234567890ab';

// Tokens live 120 s: inside MSAL's 5-minute refresh window, so every getToken asks the endpoint.
let emulator: Emulator;
let restoreEnv: () => void;

beforeAll(async () => {
  emulator = await startEmulator({ tokenLifetimeSeconds: 120, userAssignedClientIds: [USER_ID] });
  restoreEnv = useIdentityEnv(emulator);
});

afterAll(async () => {
  restoreEnv();
  await emulator.close();
});

describe('DefaultAzureCredential reaches the emulator through App Service managed identity', () => {
  it('gets a system-assigned token per call when tokens are short-lived, and the API accepts it', async () => {
    const credential = new DefaultAzureCredential();
    const first = await credential.getToken(SCOPE);
    expect(first.expiresOnTimestamp).toBeLessThanOrEqual(Date.now() + 121_000);
    await credential.getToken(SCOPE);
    expect(emulator.tokenRequests('system')).toBe(2);

    const client = new AzureOpenAI({
      endpoint: emulator.url,
      apiVersion: '2025-04-01-preview',
      azureADTokenProvider: async () => (await credential.getToken(SCOPE)).token,
      maxRetries: 0,
    });
    const response = await client.responses.create({
      model: 'gpt-4o',
      input: 'default credential',
    });
    expect(response.output_text).toBe('Echo: default credential');
    expect(emulator.tokenRequests('system')).toBe(3);
    expect(emulator.recorder.last()).toMatchObject({ auth: 'bearer-token', status: 200 });
  });

  it('uses a user-assigned identity via managedIdentityClientId', async () => {
    const credential = new DefaultAzureCredential({ managedIdentityClientId: USER_ID });
    await credential.getToken(SCOPE);
    expect(emulator.tokenRequests(USER_ID)).toBe(1);
    expect(emulator.tokenRequests()).toBe(emulator.tokenRequests('system') + 1);
  });
});

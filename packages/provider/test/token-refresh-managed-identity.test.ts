/**
 * The real ManagedIdentityCredential of @azure/identity against the emulator's App Service
 * managed-identity endpoint, with a token the resource revokes. The emulator's tokens live 240 s:
 * MSAL does not cache tokens expiring within its 300 s renewal offset, so the refresh reaches the
 * identity endpoint (with longer-lived tokens MSAL would hand back its cached token; see the
 * auth package README).
 */
import type { Emulator } from '@amplifier-azure-openai/emulator';
import { startEmulator } from '@amplifier-azure-openai/emulator';
import { isolateIdentityEnv } from '@amplifier-azure-openai/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerFor } from './harness.js';

let emulator: Emulator;
let restoreEnv: (() => void) | undefined;

beforeAll(async () => {
  emulator = await startEmulator({ tokenLifetimeSeconds: 240 });
  restoreEnv = isolateIdentityEnv({
    IDENTITY_ENDPOINT: emulator.identityEndpoint,
    IDENTITY_HEADER: emulator.identityHeader,
  });
});
afterAll(async () => {
  restoreEnv?.();
  await emulator?.close();
});

describe('managed identity: a revoked token is refreshed once', () => {
  it('fetches a new token from the identity endpoint and succeeds', async () => {
    const { provider } = providerFor(emulator, {
      withoutApiKey: true,
      settings: { use_managed_identity: true },
    });
    const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };
    await provider.complete(hello);
    const before = emulator.tokenRequests();
    emulator.addFault({ kind: 'revoke-token' });
    const response = await provider.complete(hello);
    expect(response.finish_reason).toBe('stop');
    expect(emulator.tokenRequests() - before).toBe(1);
    expect(emulator.recorder.responsesRequests().map(request => request.status)).toEqual([
      200, 401, 200,
    ]);
    await provider.close();
  });
});

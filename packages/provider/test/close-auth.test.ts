/**
 * close() and the auth strategy: the provider closes a strategy it created (so a stalled token
 * request is cancelled; see the reliability package), never one passed in as `auth`, and not
 * while a signal-less complete() still needs credentials.
 */
import { type AuthStrategy, createAuthStrategy } from '@amplifier-azure-openai/auth';
import type { Emulator } from '@amplifier-azure-openai/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerFor, SETUP_TIMEOUT_MS, startTestEmulator } from './harness.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
}, SETUP_TIMEOUT_MS);
afterAll(async () => {
  await emulator?.close();
});

const hello = { messages: [{ role: 'user' as const, content: 'hello' }] };

/** A strategy that counts close() calls. */
function countingAuth(): { auth: AuthStrategy; closes: () => number } {
  const inner = createAuthStrategy({ apiKey: emulator.apiKey });
  let closes = 0;
  const auth: AuthStrategy = {
    method: inner.method,
    describe: () => inner.describe(),
    getAuthHeaders: options => inner.getAuthHeaders(options),
    getBearerToken: options => inner.getBearerToken(options),
    tokenProvider: () => inner.tokenProvider(),
    close() {
      closes += 1;
    },
  };
  return { auth, closes: () => closes };
}

describe('close() and the auth strategy', () => {
  it('does not close a strategy passed in as auth', async () => {
    const { auth, closes } = countingAuth();
    const { provider } = providerFor(emulator, { options: { auth } });
    await provider.complete(hello);
    await provider.close();
    expect(closes()).toBe(0);
    expect(await auth.getAuthHeaders()).toEqual({ 'api-key': emulator.apiKey });
  });
});

import { describe, expect, it } from 'vitest';
import { FakeClock, FakeCredential } from './__fixtures__/fake-credential.js';
import { AzureAuthError } from './azure-auth-error.js';
import { getBearerTokenProvider } from './get-bearer-token-provider.js';
import type { TokenCredentialLike } from './token-credential.js';

describe('getBearerTokenProvider', () => {
  it('returns a cached, single-flight () => Promise<string> for the scope', async () => {
    const clock = new FakeClock();
    const credential = new FakeCredential(() => ({
      token: 'bearer',
      expiresOnTimestamp: clock.current + 3_600_000,
    }));
    const provider = getBearerTokenProvider(credential, 'https://example/.default', {
      now: clock.now,
    });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => provider()));
    expect(new Set(tokens)).toEqual(new Set(['bearer']));
    expect(credential.calls).toEqual([{ scopes: 'https://example/.default' }]);
  });

  it('defaults to the Cognitive Services scope and translates failures', async () => {
    const credential = new FakeCredential().queue(new Error('nope'));
    const provider = getBearerTokenProvider(credential);
    const error = await provider().catch((caught: unknown) => caught);
    expect(AzureAuthError.isInstance(error)).toBe(true);
    expect(credential.calls[0]?.scopes).toBe('https://cognitiveservices.azure.com/.default');
  });

  it('rejects bad arguments', () => {
    expect(() => getBearerTokenProvider({} as TokenCredentialLike)).toThrow(
      expect.objectContaining({ code: 'invalid-options' }),
    );
    expect(() =>
      getBearerTokenProvider(new FakeCredential(), undefined, { tokenRefreshMarginSeconds: -5 }),
    ).toThrow(expect.objectContaining({ code: 'invalid-options' }));
  });
});

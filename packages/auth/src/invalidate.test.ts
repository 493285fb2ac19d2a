import { describe, expect, it } from 'vitest';
import { FakeClock, FakeCredential, makeJwt } from './__fixtures__/fake-credential.js';
import { createAuthStrategy } from './create-auth-strategy.js';

const HOUR = 3_600_000;

describe('AuthStrategy.invalidate', () => {
  it('drops the cached token of a credential: the next request fetches a new one', async () => {
    const clock = new FakeClock();
    const credential = new FakeCredential().queue(
      { token: 'first-token', expiresOnTimestamp: clock.now() + HOUR },
      { token: 'second-token', expiresOnTimestamp: clock.now() + HOUR },
    );
    const auth = createAuthStrategy({ credential, now: clock.now });
    expect(await auth.getBearerToken()).toBe('first-token');
    expect(await auth.getBearerToken()).toBe('first-token');
    expect(credential.calls).toHaveLength(1);
    expect(auth.invalidate?.()).toBe(true);
    expect(await auth.getAuthHeaders()).toEqual({ authorization: 'Bearer second-token' });
    expect(credential.calls).toHaveLength(2);
  });

  it('says a token provider may give a new token (it is called per request anyway)', async () => {
    let n = 0;
    const auth = createAuthStrategy({ tokenProvider: async () => `token-${++n}` });
    expect(await auth.getBearerToken()).toBe('token-1');
    expect(auth.invalidate?.()).toBe(true);
    expect(await auth.getBearerToken()).toBe('token-2');
  });

  it('returns false when nothing can change: API key, static Entra token, closed strategy', () => {
    expect(createAuthStrategy({ apiKey: 'k' }).invalidate?.()).toBe(false);
    expect(
      createAuthStrategy({
        azureAdToken: makeJwt({ exp: Date.now() / 1000 + 3600 }),
      }).invalidate?.(),
    ).toBe(false);
    const closed = createAuthStrategy({
      credential: new FakeCredential(() => ({ token: 't', expiresOnTimestamp: Date.now() + HOUR })),
    });
    closed.close();
    expect(closed.invalidate?.()).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  deferred,
  FakeClock,
  FakeCredential,
  flushPromises,
} from './__fixtures__/fake-credential.js';
import { AzureAuthError } from './azure-auth-error.js';
import { silentLogger } from './logger.js';
import type { TokenCredentialLike } from './token-credential.js';
import { TokenCycler } from './token-cycler.js';
import { translateIdentityError } from './translate-identity-error.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function cyclerFor(
  credential: TokenCredentialLike,
  clock: FakeClock,
  refreshMarginMs = 5 * MINUTE,
) {
  return new TokenCycler({
    method: 'token-credential',
    now: clock.now,
    logger: silentLogger,
    refreshMarginMs,
    fetchToken: () => credential.getToken('scope/.default'),
    translateError: (error, knownSecrets) =>
      translateIdentityError(error, { method: 'token-credential', knownSecrets }),
  });
}

describe('TokenCycler', () => {
  it('reuses the token until expiresOn - margin, then refreshes once', async () => {
    const clock = new FakeClock();
    const credential = new FakeCredential().queue(
      { token: 'token-1', expiresOnTimestamp: clock.current + HOUR },
      { token: 'token-2', expiresOnTimestamp: clock.current + 2 * HOUR },
    );
    const cycler = cyclerFor(credential, clock);
    expect(await cycler.getToken()).toBe('token-1');
    clock.advance(HOUR - 5 * MINUTE - 1);
    expect(await cycler.getToken()).toBe('token-1');
    expect(credential.calls).toHaveLength(1);

    clock.advance(1); // exactly at expiresOn - margin: refresh starts, the valid token is served
    expect(await cycler.getToken()).toBe('token-1');
    expect(credential.calls).toHaveLength(2);
    await flushPromises();
    expect(await cycler.getToken()).toBe('token-2');
    expect(credential.calls).toHaveLength(2);
  });

  it('uses the configured margin', async () => {
    const clock = new FakeClock();
    const credential = new FakeCredential(() => ({
      token: `token-at-${clock.current}`,
      expiresOnTimestamp: clock.current + HOUR,
    }));
    const cycler = cyclerFor(credential, clock, 10 * MINUTE);
    await cycler.getToken();
    clock.advance(HOUR - 10 * MINUTE - 1);
    await cycler.getToken();
    expect(credential.calls).toHaveLength(1);
    clock.advance(1);
    await cycler.getToken();
    expect(credential.calls).toHaveLength(2);
  });

  it('waits for a new token once the cached one has expired', async () => {
    const clock = new FakeClock();
    const credential = new FakeCredential().queue(
      { token: 'token-1', expiresOnTimestamp: clock.current + HOUR },
      { token: 'token-2', expiresOnTimestamp: clock.current + 3 * HOUR },
    );
    const cycler = cyclerFor(credential, clock);
    await cycler.getToken();
    clock.advance(2 * HOUR);
    expect(await cycler.getToken()).toBe('token-2');
  });

  it('honours an earlier refreshAfterTimestamp', async () => {
    const clock = new FakeClock();
    const start = clock.current;
    const credential = new FakeCredential(() => ({
      token: 't',
      expiresOnTimestamp: start + 24 * HOUR,
      refreshAfterTimestamp: start + 12 * HOUR,
    }));
    const cycler = cyclerFor(credential, clock);
    await cycler.getToken();
    clock.advance(12 * HOUR - 1);
    await cycler.getToken();
    expect(credential.calls).toHaveLength(1);
    clock.advance(1);
    await cycler.getToken();
    expect(credential.calls).toHaveLength(2);
  });

  it('caps the margin at half the lifetime so short-lived tokens are not refetched on every call', async () => {
    const clock = new FakeClock();
    const credential = new FakeCredential(() => ({
      token: 't',
      expiresOnTimestamp: clock.current + 4 * MINUTE, // shorter than the 5 min margin
    }));
    const cycler = cyclerFor(credential, clock);
    await cycler.getToken();
    await cycler.getToken();
    clock.advance(2 * MINUTE - 1);
    await cycler.getToken();
    expect(credential.calls).toHaveLength(1);
    clock.advance(1);
    await cycler.getToken();
    expect(credential.calls).toHaveLength(2);
  });

  it('shares one fetch among N concurrent first callers (single flight)', async () => {
    const clock = new FakeClock();
    const pending = deferred<{ token: string; expiresOnTimestamp: number } | null>();
    const credential = new FakeCredential().queue(pending);
    const cycler = cyclerFor(credential, clock);
    const callers = Array.from({ length: 50 }, () => cycler.getToken());
    await flushPromises();
    expect(credential.calls).toHaveLength(1);
    pending.resolve({ token: 'shared', expiresOnTimestamp: clock.current + HOUR });
    expect(new Set(await Promise.all(callers))).toEqual(new Set(['shared']));
    expect(credential.calls).toHaveLength(1);
  });

  it('starts only one background refresh for concurrent callers in the refresh window', async () => {
    const clock = new FakeClock();
    const refresh = deferred<{ token: string; expiresOnTimestamp: number } | null>();
    const credential = new FakeCredential().queue(
      { token: 'old', expiresOnTimestamp: clock.current + HOUR },
      refresh,
    );
    const cycler = cyclerFor(credential, clock);
    await cycler.getToken();
    clock.advance(HOUR - MINUTE);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => cycler.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['old']));
    expect(credential.calls).toHaveLength(2);
    refresh.resolve({ token: 'new', expiresOnTimestamp: clock.current + HOUR });
    await flushPromises();
    expect(await cycler.getToken()).toBe('new');
  });

  it('keeps serving a valid token when a refresh fails, and retries later with a back-off', async () => {
    const clock = new FakeClock();
    const start = clock.current;
    const credential = new FakeCredential().queue(
      { token: 'old', expiresOnTimestamp: start + HOUR },
      new Error('endpoint down'),
      new Error('endpoint still down'),
      { token: 'new', expiresOnTimestamp: start + 2 * HOUR },
    );
    const cycler = cyclerFor(credential, clock);
    await cycler.getToken();
    clock.advance(HOUR - 4 * MINUTE); // in the refresh window, still valid
    expect(await cycler.getToken()).toBe('old'); // refresh #1 starts and fails
    await flushPromises();
    expect(credential.calls).toHaveLength(2);

    expect(await cycler.getToken()).toBe('old'); // inside the 2 s back-off: no new attempt
    clock.advance(1_999);
    expect(await cycler.getToken()).toBe('old');
    await flushPromises();
    expect(credential.calls).toHaveLength(2);

    clock.advance(1); // back-off over: refresh #2 (fails), next back-off is 4 s
    expect(await cycler.getToken()).toBe('old');
    await flushPromises();
    expect(credential.calls).toHaveLength(3);
    clock.advance(3_999);
    await cycler.getToken();
    await flushPromises();
    expect(credential.calls).toHaveLength(3);
    clock.advance(1);
    await cycler.getToken();
    await flushPromises();
    expect(credential.calls).toHaveLength(4);
    expect(await cycler.getToken()).toBe('new');
  });

  it('rejects with AzureAuthError when there is no valid token and the fetch fails', async () => {
    const clock = new FakeClock();
    const credential = new FakeCredential().queue(
      { token: 'old', expiresOnTimestamp: clock.current + HOUR },
      new Error('endpoint down'),
      { token: 'new', expiresOnTimestamp: clock.current + 3 * HOUR },
    );
    const cycler = cyclerFor(credential, clock);
    await cycler.getToken();
    clock.advance(HOUR); // expired
    const error = await cycler.getToken().catch((caught: unknown) => caught);
    expect(AzureAuthError.isInstance(error)).toBe(true);
    expect((error as AzureAuthError).method).toBe('token-credential');
    expect((error as AzureAuthError).cause).toBeInstanceOf(Error);
    // no back-off without a valid token: the next call tries again at once
    expect(await cycler.getToken()).toBe('new');
  });

  it('rejects every concurrent waiter with the same error', async () => {
    const clock = new FakeClock();
    const pending = deferred<{ token: string; expiresOnTimestamp: number } | null>();
    const credential = new FakeCredential().queue(pending);
    const cycler = cyclerFor(credential, clock);
    const waiters = Array.from({ length: 5 }, () =>
      cycler.getToken().catch((caught: unknown) => caught),
    );
    pending.reject(new Error('boom'));
    const errors = await Promise.all(waiters);
    expect(new Set(errors).size).toBe(1);
    expect(AzureAuthError.isInstance(errors[0])).toBe(true);
  });

  it('rejects a null or malformed token with code invalid-token', async () => {
    const clock = new FakeClock();
    const credential = new FakeCredential().queue(null, {
      token: '',
      expiresOnTimestamp: clock.current + HOUR,
    });
    const cycler = cyclerFor(credential, clock);
    await expect(cycler.getToken()).rejects.toMatchObject({ code: 'invalid-token' });
    await expect(cycler.getToken()).rejects.toMatchObject({ code: 'invalid-token' });
  });

  it("stops an aborted caller's wait at once without cancelling the shared fetch", async () => {
    const clock = new FakeClock();
    const pending = deferred<{ token: string; expiresOnTimestamp: number } | null>();
    const credential = new FakeCredential().queue(pending);
    const cycler = cyclerFor(credential, clock);
    const controller = new AbortController();
    const aborted = cycler.getToken(controller.signal);
    const other = cycler.getToken();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    pending.resolve({ token: 'still-delivered', expiresOnTimestamp: clock.current + HOUR });
    expect(await other).toBe('still-delivered');
    expect(credential.calls).toHaveLength(1);
  });

  it('rejects at once with the given abort reason when the signal is already aborted', async () => {
    const clock = new FakeClock();
    const credential = new FakeCredential();
    const cycler = cyclerFor(credential, clock);
    const reason = new Error('caller gave up');
    await expect(cycler.getToken(AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(credential.calls).toHaveLength(0);
  });
});

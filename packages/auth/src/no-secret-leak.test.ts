import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  FakeClock,
  FakeCredential,
  flushPromises,
  identityError,
  makeJwt,
  recordingLogger,
} from './__fixtures__/fake-credential.js';
import type { AuthOptions } from './auth-options.js';
import { createAuthStrategy } from './create-auth-strategy.js';
import type { IdentityModule } from './identity-module.js';

const HOUR = 3_600_000;
const API_KEY = 'sk-APIKEY-0123456789abcdef';
const OPAQUE_TOKEN = 'opaque-STATIC-token-0123456789';
const ISSUED_TOKEN = 'issued-CREDENTIAL-token-0123456789';
const REFRESHED_TOKEN = 'refreshed-CREDENTIAL-token-0123456789';

/**
 * Everything a secret could leak through: String, JSON, message, stack and `util.inspect`.
 * `inspect` shows the cause too, so pass `withInspect: false` for errors whose (third-party)
 * cause was made to contain a secret on purpose: our own text must still be clean.
 */
function surfaces(value: unknown, withInspect = true): string[] {
  const out = [String(value)];
  if (withInspect) out.push(inspect(value, { depth: 10, showHidden: true }));
  try {
    out.push(JSON.stringify(value));
  } catch {
    // not serialisable: nothing to leak
  }
  if (value instanceof Error) out.push(value.message, value.stack ?? '');
  return out;
}

function expectNoSecrets(texts: readonly string[], secrets: readonly string[]) {
  for (const text of texts) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

describe('no secret reaches a log line, error message or printed form', () => {
  it('API key and static token strategies', async () => {
    const { lines, logger } = recordingLogger();
    const clock = new FakeClock();
    const expiredJwt = makeJwt({ exp: clock.current / 1000 - 10, oid: 'someone' });
    const texts: string[] = [];
    for (const options of [
      { apiKey: API_KEY, azureAdToken: OPAQUE_TOKEN, useManagedIdentity: true },
      { apiKey: { reveal: () => API_KEY } },
      { azureAdToken: OPAQUE_TOKEN },
      { azureAdToken: expiredJwt },
    ] satisfies AuthOptions[]) {
      const strategy = createAuthStrategy({ ...options, logger, now: clock.now });
      texts.push(...surfaces(strategy), JSON.stringify(strategy.describe()));
      await strategy.getAuthHeaders().catch((error: unknown) => texts.push(...surfaces(error)));
      await strategy.getBearerToken().catch((error: unknown) => texts.push(...surfaces(error)));
    }
    expect(texts.join('\n')).toContain('token-expired');
    expectNoSecrets([...lines, ...texts], [API_KEY, OPAQUE_TOKEN, expiredJwt]);
  });

  it('credential strategies: fetch, refresh failure with a valid token, expiry, failures', async () => {
    const { lines, logger } = recordingLogger();
    const clock = new FakeClock();
    const credential = new FakeCredential().queue(
      { token: ISSUED_TOKEN, expiresOnTimestamp: clock.current + HOUR },
      new Error(`refresh failed; old token was ${ISSUED_TOKEN}`),
      identityError('AuthenticationError', `invalid_grant for Bearer ${ISSUED_TOKEN}`, {
        statusCode: 400,
      }),
      { token: REFRESHED_TOKEN, expiresOnTimestamp: clock.current + 3 * HOUR },
    );
    const texts: string[] = [];
    const strategy = createAuthStrategy({ credential, logger, now: clock.now });
    await strategy.getAuthHeaders();
    clock.advance(HOUR - 60_000);
    await strategy.getAuthHeaders(); // background refresh fails, cached token served
    await flushPromises();
    clock.advance(HOUR); // expired: the next fetch fails for real
    await strategy
      .getAuthHeaders()
      .catch((error: unknown) => texts.push(...surfaces(error, false)));
    await strategy.getAuthHeaders();
    texts.push(...surfaces(strategy));
    expect(lines.some(line => line.startsWith('warn'))).toBe(true);
    expect(texts.length).toBeGreaterThan(2);
    expectNoSecrets([...lines, ...texts], [ISSUED_TOKEN, REFRESHED_TOKEN]);
  });

  it('managed identity strategies, including a missing package', async () => {
    const { lines, logger } = recordingLogger();
    const clock = new FakeClock();
    const credential = new FakeCredential().queue(
      { token: ISSUED_TOKEN, expiresOnTimestamp: clock.current + HOUR },
      identityError('CredentialUnavailableError', `ManagedIdentityCredential: ${ISSUED_TOKEN}`),
    );
    const texts: string[] = [];
    const strategy = createAuthStrategy({
      useManagedIdentity: true,
      managedIdentityClientId: 'client-guid',
      logger,
      now: clock.now,
      loadIdentity: async () => {
        class Fake {
          constructor() {
            // biome-ignore lint/correctness/noConstructorReturn: a fake returning the shared credential
            return credential;
          }
        }
        return {
          ManagedIdentityCredential: Fake as unknown as IdentityModule['ManagedIdentityCredential'],
          DefaultAzureCredential: Fake as unknown as IdentityModule['DefaultAzureCredential'],
        };
      },
    });
    await strategy.getAuthHeaders();
    clock.advance(2 * HOUR);
    await strategy
      .getAuthHeaders()
      .catch((error: unknown) => texts.push(...surfaces(error, false)));
    const missing = createAuthStrategy({
      useDefaultCredential: true,
      logger,
      loadIdentity: () =>
        Promise.reject(Object.assign(new Error('x'), { code: 'ERR_MODULE_NOT_FOUND' })),
    });
    await missing.getAuthHeaders().catch((error: unknown) => texts.push(...surfaces(error)));
    expect(texts.join('\n')).toContain('npm install @azure/identity');
    expectNoSecrets([...lines, ...texts], [ISSUED_TOKEN]);
  });
});

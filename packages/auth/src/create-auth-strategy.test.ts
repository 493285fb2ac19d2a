import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  deferred,
  FakeClock,
  FakeCredential,
  flushPromises,
  identityError,
  makeJwt,
  recordingLogger,
} from './__fixtures__/fake-credential.js';
import { DEFAULT_TOKEN_SCOPE } from './auth-options.js';
import { AzureAuthError } from './azure-auth-error.js';
import { createAuthStrategy } from './create-auth-strategy.js';
import type { IdentityModule } from './identity-module.js';
import type {
  AbortSignalLike,
  AccessTokenLike,
  GetTokenOptionsLike,
  TokenCredentialLike,
} from './token-credential.js';

const HOUR = 3_600_000;
/** The token HTTP client the strategy passes to every @azure/identity credential. */
const HTTP_CLIENT = { httpClient: expect.objectContaining({ sendRequest: expect.any(Function) }) };

/** A fake @azure/identity recording constructor arguments. */
function fakeIdentity(credential: FakeCredential) {
  const constructed: Array<{ kind: string; args: unknown[] }> = [];
  const module: IdentityModule = {
    ManagedIdentityCredential: class {
      constructor(...args: unknown[]) {
        constructed.push({ kind: 'ManagedIdentityCredential', args });
        // biome-ignore lint/correctness/noConstructorReturn: a fake returning the shared credential
        return credential;
      }
    } as unknown as IdentityModule['ManagedIdentityCredential'],
    DefaultAzureCredential: class {
      constructor(...args: unknown[]) {
        constructed.push({ kind: 'DefaultAzureCredential', args });
        // biome-ignore lint/correctness/noConstructorReturn: a fake returning the shared credential
        return credential;
      }
    } as unknown as IdentityModule['DefaultAzureCredential'],
  };
  let loads = 0;
  return {
    constructed,
    loads: () => loads,
    loadIdentity: async () => {
      loads += 1;
      return module;
    },
  };
}

function moduleNotFound(): Error {
  const error = new Error(
    "Cannot find package '@azure/identity' imported from /app/node_modules/@amplifier-azure-openai/auth/dist/index.js",
  );
  Object.assign(error, { code: 'ERR_MODULE_NOT_FOUND' });
  return error;
}

describe('header shape per method', () => {
  const clock = new FakeClock();
  const token = (value: string): AccessTokenLike => ({
    token: value,
    expiresOnTimestamp: clock.current + HOUR,
  });

  it('api-key -> { "api-key": key }', async () => {
    const strategy = createAuthStrategy({ apiKey: 'the-api-key' });
    expect(await strategy.getAuthHeaders()).toEqual({ 'api-key': 'the-api-key' });
  });

  it('api-key from a Secret-like object', async () => {
    const strategy = createAuthStrategy({ apiKey: { reveal: () => 'secret-key' } });
    expect(await strategy.getAuthHeaders()).toEqual({ 'api-key': 'secret-key' });
  });

  it('azure-ad-token -> bearer', async () => {
    const strategy = createAuthStrategy({ azureAdToken: 'opaque-token', now: clock.now });
    expect(await strategy.getAuthHeaders()).toEqual({ authorization: 'Bearer opaque-token' });
  });

  it('token-credential -> bearer, with the default scope', async () => {
    const credential = new FakeCredential(() => token('from-credential'));
    const strategy = createAuthStrategy({ credential, now: clock.now });
    expect(await strategy.getAuthHeaders()).toEqual({ authorization: 'Bearer from-credential' });
    expect(credential.calls[0]?.scopes).toBe(DEFAULT_TOKEN_SCOPE);
  });

  it('token-provider -> bearer, called for every request', async () => {
    let calls = 0;
    const strategy = createAuthStrategy({
      tokenProvider: async () => {
        calls += 1;
        return `provided-${calls}`;
      },
    });
    expect(await strategy.getAuthHeaders()).toEqual({ authorization: 'Bearer provided-1' });
    expect(await strategy.getAuthHeaders()).toEqual({ authorization: 'Bearer provided-2' });
  });

  it('managed-identity -> bearer from ManagedIdentityCredential (system-assigned)', async () => {
    const credential = new FakeCredential(() => token('mi-token'));
    const identity = fakeIdentity(credential);
    const strategy = createAuthStrategy({
      useManagedIdentity: true,
      tokenScope: 'https://cognitiveservices.azure.us/.default',
      loadIdentity: identity.loadIdentity,
      now: clock.now,
    });
    expect(identity.loads()).toBe(0); // lazily loaded
    expect(await strategy.getAuthHeaders()).toEqual({ authorization: 'Bearer mi-token' });
    expect(identity.constructed).toEqual([
      { kind: 'ManagedIdentityCredential', args: [HTTP_CLIENT] },
    ]);
    expect(credential.calls[0]?.scopes).toBe('https://cognitiveservices.azure.us/.default');
    expect(strategy.describe()).toMatchObject({
      method: 'managed-identity',
      tokenScope: 'https://cognitiveservices.azure.us/.default',
    });
  });

  it('managed-identity with a client id -> user-assigned', async () => {
    const credential = new FakeCredential(() => token('ua-token'));
    const identity = fakeIdentity(credential);
    const strategy = createAuthStrategy({
      useManagedIdentity: true,
      managedIdentityClientId: ' client-guid ',
      loadIdentity: identity.loadIdentity,
      now: clock.now,
    });
    await strategy.getAuthHeaders();
    expect(identity.constructed).toEqual([
      { kind: 'ManagedIdentityCredential', args: [{ clientId: 'client-guid', ...HTTP_CLIENT }] },
    ]);
    expect(strategy.describe().managedIdentityClientId).toBe('client-guid');
  });

  it('default-credential passes the client id as managedIdentityClientId', async () => {
    const credential = new FakeCredential(() => token('dac-token'));
    const identity = fakeIdentity(credential);
    const plain = createAuthStrategy({
      useDefaultCredential: true,
      loadIdentity: identity.loadIdentity,
      now: clock.now,
    });
    const withClientId = createAuthStrategy({
      useDefaultCredential: true,
      managedIdentityClientId: 'client-guid',
      loadIdentity: identity.loadIdentity,
      now: clock.now,
    });
    expect(await plain.getAuthHeaders()).toEqual({ authorization: 'Bearer dac-token' });
    await withClientId.getAuthHeaders();
    expect(identity.constructed).toEqual([
      { kind: 'DefaultAzureCredential', args: [HTTP_CLIENT] },
      {
        kind: 'DefaultAzureCredential',
        args: [{ managedIdentityClientId: 'client-guid', ...HTTP_CLIENT }],
      },
    ]);
  });

  it('creates the identity credential once and caches tokens', async () => {
    const credential = new FakeCredential(() => token('cached'));
    const identity = fakeIdentity(credential);
    const strategy = createAuthStrategy({
      useManagedIdentity: true,
      loadIdentity: identity.loadIdentity,
      now: clock.now,
    });
    await Promise.all(Array.from({ length: 25 }, () => strategy.getAuthHeaders()));
    await strategy.getAuthHeaders();
    expect(identity.loads()).toBe(1);
    expect(identity.constructed).toHaveLength(1);
    expect(credential.calls).toHaveLength(1);
  });

  it('many concurrent token waits print no MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning);
    };
    process.on('warning', onWarning);
    try {
      const credential = new FakeCredential(() => token('shared'));
      const strategy = createAuthStrategy({
        useManagedIdentity: true,
        loadIdentity: fakeIdentity(credential).loadIdentity,
        now: clock.now,
      });
      await Promise.all(Array.from({ length: 64 }, () => strategy.getAuthHeaders()));
      await new Promise(resolve => setImmediate(resolve)); // warnings are emitted on a later tick
      expect(warnings.filter(warning => warning.name === 'MaxListenersExceededWarning')).toEqual(
        [],
      );
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('adapters', () => {
  it('tokenProvider() returns a () => Promise<string> for AzureOpenAI({ azureADTokenProvider })', async () => {
    const clock = new FakeClock();
    const credential = new FakeCredential(() => ({
      token: 'adapter-token',
      expiresOnTimestamp: clock.current + HOUR,
    }));
    const strategy = createAuthStrategy({ credential, now: clock.now });
    const provider = strategy.tokenProvider();
    expect(provider.length).toBe(0);
    expect(await provider()).toBe('adapter-token');
    expect(await strategy.getBearerToken()).toBe('adapter-token');
  });

  it('the API key method has no bearer token', async () => {
    const strategy = createAuthStrategy({ apiKey: 'k-123456' });
    expect(() => strategy.tokenProvider()).toThrow(
      expect.objectContaining({ code: 'wrong-method' }),
    );
    await expect(strategy.getBearerToken()).rejects.toMatchObject({
      code: 'wrong-method',
      method: 'api-key',
    });
  });
});

describe('static Entra ID token', () => {
  it('refuses an expired JWT before sending, with the az command to get a new one', async () => {
    const clock = new FakeClock();
    const expired = makeJwt({
      aud: 'https://cognitiveservices.azure.com',
      exp: clock.current / 1000 - 1,
    });
    const strategy = createAuthStrategy({ azureAdToken: expired, now: clock.now });
    const error = await strategy.getAuthHeaders().catch((caught: unknown) => caught);
    expect(AzureAuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'token-expired', method: 'azure-ad-token' });
    expect((error as AzureAuthError).fix).toContain(
      'az account get-access-token --resource https://cognitiveservices.azure.com',
    );
    expect((error as Error).message).not.toContain(expired);
  });

  it('accepts a JWT until its exp (injected clock), then refuses it', async () => {
    const clock = new FakeClock();
    const jwt = makeJwt({ exp: clock.current / 1000 + 60 });
    const strategy = createAuthStrategy({ azureAdToken: jwt, now: clock.now });
    expect(await strategy.getBearerToken()).toBe(jwt);
    clock.advance(59_999);
    expect(await strategy.getBearerToken()).toBe(jwt);
    clock.advance(1);
    await expect(strategy.getBearerToken()).rejects.toMatchObject({ code: 'token-expired' });
  });

  it('logs a warning (without the token) when it expires within the refresh margin', () => {
    const clock = new FakeClock();
    const { lines, logger } = recordingLogger();
    const jwt = makeJwt({ exp: clock.current / 1000 + 120 });
    createAuthStrategy({ azureAdToken: jwt, now: clock.now, logger });
    expect(lines.some(line => line.startsWith('warn') && line.includes('expires soon'))).toBe(true);
    expect(lines.join('\n')).not.toContain(jwt);
  });

  it('names the resource of a custom scope in the fix', async () => {
    const clock = new FakeClock();
    const strategy = createAuthStrategy({
      azureAdToken: makeJwt({ exp: 1 }),
      tokenScope: 'https://cognitiveservices.azure.us/.default',
      now: clock.now,
    });
    await expect(strategy.getBearerToken()).rejects.toMatchObject({
      fix: expect.stringContaining('--resource https://cognitiveservices.azure.us '),
    });
  });

  it('accepts an opaque (non-JWT) token and a JWT without exp as is', async () => {
    const clock = new FakeClock();
    for (const token of ['opaque.token', 'not-a-jwt', makeJwt({ aud: 'x' })]) {
      const strategy = createAuthStrategy({ azureAdToken: token, now: clock.now });
      expect(await strategy.getBearerToken()).toBe(token);
    }
  });
});

describe('@azure/identity missing', () => {
  it.each([
    ['ESM', moduleNotFound()],
    [
      'CommonJS',
      Object.assign(new Error("Cannot find module '@azure/identity'"), {
        code: 'MODULE_NOT_FOUND',
      }),
    ],
  ])('says how to install it (%s flavour)', async (_label, loadError) => {
    const strategy = createAuthStrategy({
      useManagedIdentity: true,
      loadIdentity: () => Promise.reject(loadError),
    });
    const error = await strategy.getAuthHeaders().catch((caught: unknown) => caught);
    expect(AzureAuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'identity-package-missing', method: 'managed-identity' });
    expect((error as Error).message).toContain('npm install @azure/identity');
    expect((error as Error).message).toContain('pnpm add @azure/identity');
    expect((error as Error).cause).toBe(loadError);
  });

  it('is never loaded for the API key or a programmatic credential', async () => {
    let loads = 0;
    const loadIdentity = () => {
      loads += 1;
      return Promise.reject(moduleNotFound());
    };
    await createAuthStrategy({ apiKey: 'k-123456', loadIdentity }).getAuthHeaders();
    await createAuthStrategy({ azureAdToken: 'opaque', loadIdentity }).getAuthHeaders();
    await createAuthStrategy({ tokenProvider: async () => 't', loadIdentity }).getAuthHeaders();
    expect(loads).toBe(0);
  });

  it('retries loading on a later call (e.g. after installing it)', async () => {
    const clock = new FakeClock();
    const credential = new FakeCredential(() => ({
      token: 'after-install',
      expiresOnTimestamp: clock.current + HOUR,
    }));
    const identity = fakeIdentity(credential);
    let attempt = 0;
    const strategy = createAuthStrategy({
      useDefaultCredential: true,
      now: clock.now,
      loadIdentity: () => {
        attempt += 1;
        return attempt === 1 ? Promise.reject(moduleNotFound()) : identity.loadIdentity();
      },
    });
    await expect(strategy.getAuthHeaders()).rejects.toMatchObject({
      code: 'identity-package-missing',
    });
    expect(await strategy.getAuthHeaders()).toEqual({ authorization: 'Bearer after-install' });
  });

  it('reports other load failures and bad modules as identity-package-failed', async () => {
    const broken = createAuthStrategy({
      useManagedIdentity: true,
      loadIdentity: () => Promise.reject(new SyntaxError('Unexpected token')),
    });
    await expect(broken.getAuthHeaders()).rejects.toMatchObject({
      code: 'identity-package-failed',
    });
    const empty = createAuthStrategy({
      useManagedIdentity: true,
      loadIdentity: async () => ({}) as IdentityModule,
    });
    await expect(empty.getAuthHeaders()).rejects.toMatchObject({ code: 'identity-package-failed' });
  });

  it('a constructor that is not one (wrong package shape) -> identity-package-failed', async () => {
    const notAConstructor = (() => ({})) as unknown as IdentityModule['ManagedIdentityCredential'];
    const strategy = createAuthStrategy({
      useManagedIdentity: true,
      loadIdentity: async () => ({
        ManagedIdentityCredential: notAConstructor,
        DefaultAzureCredential:
          notAConstructor as unknown as IdentityModule['DefaultAzureCredential'],
      }),
    });
    await expect(strategy.getAuthHeaders()).rejects.toMatchObject({
      code: 'identity-package-failed',
    });
  });

  it('translates an error thrown by the credential constructor', async () => {
    const strategy = createAuthStrategy({
      useManagedIdentity: true,
      managedIdentityClientId: 'abc',
      loadIdentity: async () => ({
        ManagedIdentityCredential: class {
          constructor() {
            throw identityError(
              'CredentialUnavailableError',
              'ManagedIdentityCredential: Specifying a user-assigned managed identity is not supported for CloudShell at runtime.',
            );
          }
        } as unknown as IdentityModule['ManagedIdentityCredential'],
        DefaultAzureCredential: class {} as unknown as IdentityModule['DefaultAzureCredential'],
      }),
    });
    await expect(strategy.getAuthHeaders()).rejects.toMatchObject({
      method: 'managed-identity',
      code: 'credential-unavailable',
    });
  });
});

describe('token provider method', () => {
  it('passes a signal that follows the caller signal, and stops waiting on abort', async () => {
    const pending = deferred<string>();
    let received: AbortSignal | undefined;
    const strategy = createAuthStrategy({
      tokenProvider: options => {
        received = options?.signal;
        return pending.promise;
      },
    });
    const controller = new AbortController();
    const waiting = strategy.getAuthHeaders({ signal: controller.signal });
    await flushPromises();
    expect(received?.aborted).toBe(false);
    controller.abort();
    expect(received?.aborted).toBe(true);
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('translates failures and rejects empty tokens', async () => {
    const failing = createAuthStrategy({
      tokenProvider: () => Promise.reject(new Error('vault unreachable')),
    });
    await expect(failing.getBearerToken()).rejects.toMatchObject({
      method: 'token-provider',
      code: 'authentication-failed',
    });
    const empty = createAuthStrategy({ tokenProvider: async () => '' });
    await expect(empty.getBearerToken()).rejects.toMatchObject({ code: 'invalid-token' });
  });
});

describe('abort', () => {
  it('rejects at once when the signal is already aborted, for every method', async () => {
    const signal = AbortSignal.abort();
    for (const options of [
      { apiKey: 'k-123456' },
      { azureAdToken: 'opaque' },
      { credential: new FakeCredential() },
    ]) {
      await expect(createAuthStrategy(options).getAuthHeaders({ signal })).rejects.toMatchObject({
        name: 'AbortError',
      });
    }
  });

  it('an aborted waiter does not cancel the managed identity fetch for the others', async () => {
    const clock = new FakeClock();
    const pending = deferred<AccessTokenLike | null>();
    const credential = new FakeCredential().queue(pending);
    const identity = fakeIdentity(credential);
    const strategy = createAuthStrategy({
      useManagedIdentity: true,
      loadIdentity: identity.loadIdentity,
      now: clock.now,
    });
    const controller = new AbortController();
    const aborted = strategy.getAuthHeaders({ signal: controller.signal });
    const others = Array.from({ length: 3 }, () => strategy.getAuthHeaders());
    await flushPromises();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    pending.resolve({ token: 'mi', expiresOnTimestamp: clock.current + HOUR });
    for (const headers of await Promise.all(others)) {
      expect(headers).toEqual({ authorization: 'Bearer mi' });
    }
    expect(credential.calls).toHaveLength(1);
  });
});

describe('describe and printing', () => {
  it('logs the chosen method and reason once, at info level', () => {
    const { lines, logger } = recordingLogger();
    createAuthStrategy({ apiKey: 'k-123456', useDefaultCredential: true, logger });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^info auth: using API key/);
    expect(lines[0]).toContain('use_default_credential was ignored');
    expect(lines[0]).not.toContain('k-123456');
  });

  it('describe() returns a copy without secrets', () => {
    const strategy = createAuthStrategy({ apiKey: 'k-123456' });
    const description = strategy.describe();
    expect(description).toEqual({
      method: 'api-key',
      reason: 'api-key: api_key is set (config or AZURE_OPENAI_API_KEY / AZURE_OPENAI_KEY)',
    });
    description.reason = 'changed';
    expect(strategy.describe().reason).not.toBe('changed');
  });

  it('prints only the description', () => {
    const strategy = createAuthStrategy({ azureAdToken: 'opaque-token-value' });
    expect(String(strategy)).toBe('AuthStrategy(azure-ad-token)');
    expect(JSON.parse(JSON.stringify(strategy))).toEqual(strategy.describe());
    expect(inspect(strategy)).toContain("method: 'azure-ad-token'");
  });
});

/** A credential that honours getToken's abortSignal, as a well-behaved TokenCredential does. */
class AbortableCredential implements TokenCredentialLike {
  readonly signals: AbortSignalLike[] = [];
  readonly pending = deferred<AccessTokenLike | null>();

  getToken(_scopes: string | string[], options?: GetTokenOptionsLike) {
    const signal = options?.abortSignal;
    if (signal !== undefined) this.signals.push(signal);
    return new Promise<AccessTokenLike | null>((resolve, reject) => {
      signal?.addEventListener('abort', () =>
        reject(new DOMException('getToken was aborted', 'AbortError')),
      );
      this.pending.promise.then(resolve, reject);
    });
  }
}

describe('close()', () => {
  const expectClosed = async (promise: Promise<unknown>, method: string) => {
    const error = await promise.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(AzureAuthError.isInstance(error), String(error)).toBe(true);
    expect(error).toMatchObject({ code: 'closed', method });
    expect((error as Error).message).toContain('was closed');
  };

  it('aborts the in-flight getToken of a credential and rejects every waiter with code closed', async () => {
    const credential = new AbortableCredential();
    const strategy = createAuthStrategy({ credential });
    const waiters = [strategy.getAuthHeaders(), strategy.getBearerToken()];
    await flushPromises();
    expect(credential.signals).toHaveLength(1); // one shared fetch
    expect(credential.signals[0]?.aborted).toBe(false);
    await strategy.close();
    expect(credential.signals[0]?.aborted).toBe(true);
    for (const waiter of waiters) await expectClosed(waiter, 'token-credential');
  });

  it('releases waiters even when the credential ignores the abort signal', async () => {
    const pending = deferred<AccessTokenLike | null>();
    const credential = new FakeCredential().queue(pending);
    const strategy = createAuthStrategy({ credential });
    const waiting = strategy.getAuthHeaders();
    await flushPromises();
    expect(credential.calls[0]?.options?.abortSignal?.aborted).toBe(false);
    strategy.close();
    expect(credential.calls[0]?.options?.abortSignal?.aborted).toBe(true);
    await expectClosed(waiting, 'token-credential');
    // The ignored fetch finishing later changes nothing.
    pending.resolve({ token: 'late', expiresOnTimestamp: Date.now() + HOUR });
    await expectClosed(strategy.getAuthHeaders(), 'token-credential');
  });

  it('later calls reject with code closed for every method, and the cached token is dropped', async () => {
    const clock = new FakeClock();
    const credential = new FakeCredential(() => ({
      token: 'cached',
      expiresOnTimestamp: clock.current + HOUR,
    }));
    const identity = fakeIdentity(credential);
    const strategies = [
      createAuthStrategy({ apiKey: 'k-123456' }),
      createAuthStrategy({ azureAdToken: 'opaque' }),
      createAuthStrategy({ credential, now: clock.now }),
      createAuthStrategy({ tokenProvider: async () => 'provided' }),
      createAuthStrategy({ useManagedIdentity: true, loadIdentity: identity.loadIdentity }),
    ];
    for (const strategy of strategies) {
      await strategy.getAuthHeaders();
      strategy.close();
      await expectClosed(strategy.getAuthHeaders(), strategy.method);
      if (strategy.method !== 'api-key') {
        await expectClosed(strategy.getBearerToken(), strategy.method);
        await expectClosed(strategy.tokenProvider()(), strategy.method);
      }
    }
    const calls = credential.calls.length;
    await flushPromises();
    expect(credential.calls).toHaveLength(calls);
  });

  it('is idempotent', async () => {
    const credential = new AbortableCredential();
    const { lines, logger } = recordingLogger();
    const strategy = createAuthStrategy({ credential, logger });
    const waiting = strategy.getAuthHeaders();
    await flushPromises();
    strategy.close();
    expect(() => strategy.close()).not.toThrow();
    await strategy.close();
    await expectClosed(waiting, 'token-credential');
    expect(lines.filter(line => line.startsWith('debug auth: closed'))).toHaveLength(1);
    // A cancelled fetch is not an error worth an error-level log.
    expect(lines.filter(line => line.startsWith('error'))).toEqual([]);
  });

  it('aborts the signal given to a tokenProvider', async () => {
    let received: AbortSignal | undefined;
    const strategy = createAuthStrategy({
      tokenProvider: options => {
        received = options?.signal;
        return new Promise<string>(() => {});
      },
    });
    const waiting = strategy.getBearerToken();
    await flushPromises();
    expect(received?.aborted).toBe(false);
    strategy.close();
    expect(received?.aborted).toBe(true);
    await expectClosed(waiting, 'token-provider');
  });

  it('a caller signal still releases only that caller before close()', async () => {
    const credential = new AbortableCredential();
    const strategy = createAuthStrategy({ credential });
    const controller = new AbortController();
    const aborted = strategy.getAuthHeaders({ signal: controller.signal });
    const other = strategy.getAuthHeaders();
    await flushPromises();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(credential.signals[0]?.aborted).toBe(false);
    credential.pending.resolve({ token: 'shared', expiresOnTimestamp: Date.now() + HOUR });
    expect(await other).toEqual({ authorization: 'Bearer shared' });
  });
});

describe('tokenRequestTimeoutSeconds', () => {
  it('rejects a value that is not a finite number > 0', () => {
    for (const value of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '30']) {
      expect(() =>
        createAuthStrategy({
          useManagedIdentity: true,
          tokenRequestTimeoutSeconds: value as number,
        }),
      ).toThrow(/tokenRequestTimeoutSeconds must be a finite number of seconds > 0/);
    }
    expect(() =>
      createAuthStrategy({ useManagedIdentity: true, tokenRequestTimeoutSeconds: 5 }),
    ).not.toThrow();
  });
});

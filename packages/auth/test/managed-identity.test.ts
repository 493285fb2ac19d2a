/**
 * The real ManagedIdentityCredential and DefaultAzureCredential of @azure/identity against the
 * emulator's App Service managed-identity endpoint (IDENTITY_ENDPOINT / IDENTITY_HEADER).
 *
 * MSAL keeps its managed-identity source and token cache in static fields for the whole module
 * graph, so this file uses ONE emulator, configured before the first credential is created.
 * The emulator issues tokens that live 240 s: MSAL does not cache tokens expiring within its
 * 300 s renewal offset, so every token request the emulator counts was decided by this
 * package's own cache (TokenCycler), which is what these tests measure.
 */
import type { Emulator } from '@amplifier-azure-openai/emulator';
import { startEmulator } from '@amplifier-azure-openai/emulator';
import { isolateIdentityEnv } from '@amplifier-azure-openai/test-utils';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AzureAuthError, createAuthStrategy } from '../src/index.js';
import { jwtClaims } from './jwt-claims.js';

const USER_ASSIGNED = '0c0ffee0-1111-4222-8333-444444444444';
const TOKEN_LIFETIME_SECONDS = 240;
const MARGIN_SECONDS = 60;

let emulator: Emulator;
let restoreEnv: () => void;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
    userAssignedClientIds: [USER_ASSIGNED],
  });
  restoreEnv = isolateIdentityEnv({
    IDENTITY_ENDPOINT: emulator.identityEndpoint,
    IDENTITY_HEADER: emulator.identityHeader,
  });
});

afterAll(async () => {
  restoreEnv?.();
  await emulator?.close();
});

/** A clock starting at real time that only the test moves forward. */
function testClock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms: number) => {
      offset += ms;
    },
  };
}

function bearer(headers: Record<string, string>): string {
  const value = headers.authorization ?? '';
  expect(value).toMatch(/^Bearer \S+$/);
  return value.slice('Bearer '.length);
}

/** Sends one Responses request with the headers, to prove the emulator accepts the token. */
async function callResponses(headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${emulator.url}/openai/v1/responses`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', input: 'hello' }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe.sequential('real ManagedIdentityCredential against the emulator', () => {
  it('system-assigned: 50 concurrent getAuthHeaders -> 1 token request; past the margin -> 1 more', async () => {
    const clock = testClock();
    const before = emulator.tokenRequests('system');
    const strategy = createAuthStrategy({
      useManagedIdentity: true,
      tokenRefreshMarginSeconds: MARGIN_SECONDS,
      now: clock.now,
    });
    const all = await Promise.all(Array.from({ length: 50 }, () => strategy.getAuthHeaders()));
    expect(emulator.tokenRequests('system') - before).toBe(1);
    const first = bearer(all[0] ?? {});
    for (const headers of all) expect(bearer(headers)).toBe(first);
    expect(jwtClaims(first)).toMatchObject({
      aud: 'https://cognitiveservices.azure.com',
      idtyp: 'system',
    });
    expect(await callResponses(all[0] ?? {})).toBe(200);

    // Still inside the lifetime minus the margin: served from the cache.
    clock.advance((TOKEN_LIFETIME_SECONDS - MARGIN_SECONDS - 30) * 1000);
    expect(bearer(await strategy.getAuthHeaders())).toBe(first);
    expect(emulator.tokenRequests('system') - before).toBe(1);

    // Past expiresOn - margin: the still-valid token is served while one refresh runs.
    clock.advance(31 * 1000);
    const during = await Promise.all(Array.from({ length: 10 }, () => strategy.getAuthHeaders()));
    for (const headers of during) expect(bearer(headers)).toBe(first);
    await vi.waitFor(() => expect(emulator.tokenRequests('system') - before).toBe(2));
    await vi.waitFor(async () => expect(bearer(await strategy.getAuthHeaders())).not.toBe(first));
    expect(emulator.tokenRequests('system') - before).toBe(2);
  });

  it('user-assigned: asks for the client id and gets a user token', async () => {
    const before = emulator.tokenRequests(USER_ASSIGNED);
    const strategy = createAuthStrategy({
      useManagedIdentity: true,
      managedIdentityClientId: USER_ASSIGNED,
    });
    expect(strategy.describe()).toMatchObject({
      method: 'managed-identity',
      managedIdentityClientId: USER_ASSIGNED,
    });
    const all = await Promise.all(Array.from({ length: 50 }, () => strategy.getAuthHeaders()));
    expect(emulator.tokenRequests(USER_ASSIGNED) - before).toBe(1);
    const token = bearer(all[0] ?? {});
    expect(jwtClaims(token)).toMatchObject({ idtyp: 'user', appid: USER_ASSIGNED });
    const tokenRequest = emulator.recorder.requests
      .filter(request => request.surface === 'identity')
      .at(-1);
    expect(tokenRequest?.clientId).toBe(USER_ASSIGNED);
    expect(await callResponses(all[0] ?? {})).toBe(200);
  });

  it('user-assigned with an unknown client id -> AzureAuthError with the client id fix', async () => {
    const strategy = createAuthStrategy({
      useManagedIdentity: true,
      managedIdentityClientId: 'ffffffff-0000-4000-8000-000000000000',
    });
    const error = await strategy.getAuthHeaders().catch((caught: unknown) => caught);
    expect(AzureAuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ method: 'managed-identity', code: 'authentication-failed' });
    expect((error as Error).message).toContain('ffffffff-0000-4000-8000-000000000000');
    expect((error as AzureAuthError).fix).toContain('managed_identity_client_id');
    expect((error as AzureAuthError).cause).toBeDefined();
  });

  it('a failing refresh keeps serving the valid token, then recovers', async () => {
    const clock = testClock();
    const strategy = createAuthStrategy({
      useManagedIdentity: true,
      tokenScope: 'https://ai.azure.com/.default',
      tokenRefreshMarginSeconds: MARGIN_SECONDS,
      now: clock.now,
    });
    const first = bearer(await strategy.getAuthHeaders());
    expect(jwtClaims(first).aud).toBe('https://ai.azure.com');
    const failedBefore = emulator.recorder.requests.filter(request =>
      request.faults.includes('token-endpoint-error'),
    ).length;
    emulator.addFault({ kind: 'token-endpoint-error', status: 400, times: 'always' });
    try {
      clock.advance((TOKEN_LIFETIME_SECONDS - MARGIN_SECONDS) * 1000);
      expect(bearer(await strategy.getAuthHeaders())).toBe(first);
      await vi.waitFor(() =>
        expect(
          emulator.recorder.requests.filter(request =>
            request.faults.includes('token-endpoint-error'),
          ).length,
        ).toBeGreaterThan(failedBefore),
      );
      // The refresh failed: the cached, still valid token is served.
      expect(bearer(await strategy.getAuthHeaders())).toBe(first);
    } finally {
      emulator.clearFaults();
    }
    clock.advance(60_000); // past the back-off
    await vi.waitFor(async () => expect(bearer(await strategy.getAuthHeaders())).not.toBe(first));
  });

  it('a 5xx from the endpoint (after @azure/identity retried it) -> token-endpoint-error', async () => {
    emulator.addFault({ kind: 'token-endpoint-error', status: 500, times: 'always' });
    try {
      const strategy = createAuthStrategy({
        useManagedIdentity: true,
        tokenScope: 'api://amplifier-auth-test-5xx/.default',
      });
      await expect(strategy.getAuthHeaders()).rejects.toMatchObject({
        name: 'AzureAuthError',
        method: 'managed-identity',
        code: 'token-endpoint-error',
      });
    } finally {
      emulator.clearFaults();
    }
  }, 30_000);
});

describe.sequential('real DefaultAzureCredential against the emulator', () => {
  it('reaches the managed identity link: 50 concurrent getAuthHeaders -> 1 token request', async () => {
    const clock = testClock();
    const before = emulator.tokenRequests('system');
    const strategy = createAuthStrategy({
      useDefaultCredential: true,
      tokenScope: 'https://cognitiveservices.azure.com/.default',
      tokenRefreshMarginSeconds: MARGIN_SECONDS,
      now: clock.now,
    });
    const all = await Promise.all(Array.from({ length: 50 }, () => strategy.getAuthHeaders()));
    expect(emulator.tokenRequests('system') - before).toBe(1);
    const first = bearer(all[0] ?? {});
    expect(jwtClaims(first)).toMatchObject({ idtyp: 'system' });
    expect(await callResponses(all[0] ?? {})).toBe(200);

    clock.advance((TOKEN_LIFETIME_SECONDS - MARGIN_SECONDS) * 1000);
    await strategy.getAuthHeaders();
    await vi.waitFor(() => expect(emulator.tokenRequests('system') - before).toBe(2));
  });

  it('passes managed_identity_client_id as managedIdentityClientId', async () => {
    const before = emulator.tokenRequests(USER_ASSIGNED);
    const strategy = createAuthStrategy({
      useDefaultCredential: true,
      managedIdentityClientId: USER_ASSIGNED,
    });
    const all = await Promise.all(Array.from({ length: 20 }, () => strategy.getAuthHeaders()));
    expect(emulator.tokenRequests(USER_ASSIGNED) - before).toBe(1);
    expect(jwtClaims(bearer(all[0] ?? {}))).toMatchObject({ idtyp: 'user', appid: USER_ASSIGNED });
  });
});

/**
 * close() and the token request bound with the real @azure/identity credentials against a token
 * endpoint that never answers. @azure/identity 4.13 ignores getToken's abortSignal for managed
 * identity, so these pass only because the strategy's own httpClient carries the requests.
 *
 * MSAL keeps the managed-identity source, with the HTTP client of the FIRST credential that
 * asked for a token, in a static field for the whole module graph: the tests below run in
 * order in one file on purpose, so later strategies' requests go through an earlier (closed)
 * strategy's credential, as they do in a real process.
 */

import { isolateIdentityEnv } from '@amplifier-azure-openai/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AzureAuthError, createAuthStrategy } from '../src/index.js';
import { type StallServer, startStallServer } from './stall-server.js';

let stall: StallServer;
let restoreEnv: () => void;

beforeAll(async () => {
  stall = await startStallServer();
  restoreEnv = isolateIdentityEnv({
    IDENTITY_ENDPOINT: `${stall.url}/msi/token`,
    IDENTITY_HEADER: 'identity-header-value',
  });
});

afterAll(async () => {
  restoreEnv?.();
  await stall?.close();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

function expectCode(error: unknown, code: string): void {
  expect(AzureAuthError.isInstance(error), String(error)).toBe(true);
  expect((error as AzureAuthError).code).toBe(code);
}

describe.sequential('close() cancels the token request of the real credentials', () => {
  it('managed identity: close() closes the stalled request socket and rejects the waiting caller', async () => {
    const index = stall.requests.length;
    const strategy = createAuthStrategy({ useManagedIdentity: true });
    const call = strategy.getAuthHeaders();
    call.catch(() => {});
    const request = await stall.waitForRequest(index);
    expect(request.url).toMatch(/^\/msi\/token\?/);
    expect(request.isClosed).toBe(false);

    await strategy.close();
    expectCode(await rejection(call), 'closed');
    await request.closed;
    expect(request.isClosed).toBe(true);
    // Only the one request: the cancelled one was not retried.
    expect(stall.requests).toHaveLength(index + 1);
  });

  it('a later strategy still reaches the endpoint (through the earlier, closed credential) and is cancelled by its own close()', async () => {
    const index = stall.requests.length;
    const strategy = createAuthStrategy({ useManagedIdentity: true });
    const caller = new AbortController();
    const call = strategy.getAuthHeaders({ signal: caller.signal });
    call.catch(() => {});
    const request = await stall.waitForRequest(index);

    // The caller's abort releases the caller only: the shared request stays open...
    caller.abort();
    expect((await rejection(call)) as Error).toMatchObject({ name: 'AbortError' });
    expect(request.isClosed).toBe(false);
    // ...until the strategy closes.
    await strategy.close();
    await request.closed;
    expect(request.isClosed).toBe(true);
    expectCode(await rejection(strategy.getAuthHeaders()), 'closed');
  });

  it('DefaultAzureCredential (managed identity link): close() closes the stalled request', async () => {
    const index = stall.requests.length;
    const strategy = createAuthStrategy({ useDefaultCredential: true });
    const call = strategy.getBearerToken();
    call.catch(() => {});
    const request = await stall.waitForRequest(index);
    strategy.close();
    expectCode(await rejection(call), 'closed');
    await request.closed;
    expect(request.isClosed).toBe(true);
  });

  it('tokenRequestTimeoutSeconds: a stalled request is cancelled after the bound -> network error', async () => {
    const index = stall.requests.length;
    const strategy = createAuthStrategy({
      useManagedIdentity: true,
      tokenRequestTimeoutSeconds: 0.2,
    });
    const error = await rejection(strategy.getAuthHeaders());
    expectCode(error, 'network');
    expect((error as Error).message).toContain('got no answer within 0.2 s');
    const request = await stall.waitForRequest(index);
    await request.closed;
    expect(request.isClosed).toBe(true);
    expect(stall.requests).toHaveLength(index + 1);
    strategy.close();
  });
});

/**
 * The real ManagedIdentityCredential of @azure/identity (App Service flavour: IDENTITY_ENDPOINT
 * and the secret IDENTITY_HEADER) against a token endpoint on 127.0.0.1 that redirects to a second
 * server recording what reaches it. Own file: MSAL keeps its managed-identity source in static
 * fields.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isolateIdentityEnv } from '@amplifier-azure-openai/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AzureAuthError, createAuthStrategy } from '../src/index.js';
import {
  createTokenRequestHttpClient,
  TokenResponseHeaders,
} from '../src/token-request-http-client.js';

const IDENTITY_HEADER = 'identity-header-secret-5be1';
const servers: Server[] = [];
const seenByOther: IncomingHttpHeaders[] = [];
let otherOrigin: string;
let redirectingOrigin: string;
let restoreEnv: (() => void) | undefined;

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  const otherPort = await listen(
    createServer((request, response) => {
      seenByOther.push(request.headers);
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        `{"access_token":"stolen","expires_on":"${Math.floor(Date.now() / 1000) + 3600}"}`,
      );
    }),
  );
  otherOrigin = `http://127.0.0.1:${otherPort}`;
  const redirectingPort = await listen(
    createServer((request, response) => {
      request.resume();
      if (request.url?.startsWith('/same')) {
        response.writeHead(302, { location: '/elsewhere' });
      } else {
        response.writeHead(302, { location: `${otherOrigin}/msi/token?x=1` });
      }
      response.end();
    }),
  );
  redirectingOrigin = `http://127.0.0.1:${redirectingPort}`;
});

afterEach(() => {
  restoreEnv?.();
  restoreEnv = undefined;
});

afterAll(async () => {
  await Promise.all(
    servers.map(
      server =>
        new Promise<void>(resolve => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('token request HTTP client', () => {
  it('refuses a redirect to another origin, naming it; a same-origin redirect is handed back to the pipeline', async () => {
    const client = createTokenRequestHttpClient();
    const headers = new TokenResponseHeaders();
    headers.set('X-IDENTITY-HEADER', IDENTITY_HEADER);
    const base = { method: 'GET', headers, allowInsecureConnection: true };
    const error = (await failure(
      client.sendRequest({ ...base, url: `${redirectingOrigin}/msi/token` }),
    )) as Error & { code?: string };
    expect(error.name).toBe('RedirectRefusedError');
    expect(error.code).toBe('REDIRECT_REFUSED');
    expect(error.message).toContain(otherOrigin);
    expect(error.message).not.toContain('x=1');
    const same = await client.sendRequest({ ...base, url: `${redirectingOrigin}/same` });
    expect(same.status).toBe(302);
    expect(seenByOther).toHaveLength(0);
  });
});

describe('real ManagedIdentityCredential', () => {
  it('a token endpoint redirecting elsewhere fails with redirect-refused; the identity header never reaches the other server', async () => {
    restoreEnv = isolateIdentityEnv({
      IDENTITY_ENDPOINT: `${redirectingOrigin}/msi/token`,
      IDENTITY_HEADER,
    });
    const strategy = createAuthStrategy({ useManagedIdentity: true });
    const error = await failure(strategy.getAuthHeaders());
    await strategy.close?.();
    expect(AzureAuthError.isInstance(error)).toBe(true);
    expect((error as AzureAuthError).code).toBe('redirect-refused');
    expect((error as Error).message).toContain(otherOrigin);
    expect(String(error)).not.toContain(IDENTITY_HEADER);
    expect(seenByOther).toHaveLength(0);
  });
});

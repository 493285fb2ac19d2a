/**
 * The real ManagedIdentityCredential of @azure/identity against an App Service token endpoint on
 * 127.0.0.1 that speaks TLS with a self-signed certificate. Own file: MSAL keeps its
 * managed-identity source (the endpoint) in static fields.
 */
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  isolateIdentityEnv,
  TEST_TLS_CERT,
  TEST_TLS_KEY,
} from '@amplifier-azure-openai/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AzureAuthError, createAuthStrategy } from '../src/index.js';

const IDENTITY_HEADER = 'identity-header-secret-5be1';
let server: Server;
let tlsOrigin: string;
let restoreEnv: (() => void) | undefined;

beforeAll(async () => {
  server = createHttpsServer({ key: TEST_TLS_KEY, cert: TEST_TLS_CERT }, (_, response) =>
    response.end('{}'),
  ) as unknown as Server;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  tlsOrigin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  restoreEnv?.();
  server.closeAllConnections();
  await new Promise<void>(resolve => server.close(() => resolve()));
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('real ManagedIdentityCredential over TLS', () => {
  it('a self-signed token endpoint fails with code tls, naming the untrusted certificate and the fix', async () => {
    restoreEnv = isolateIdentityEnv({
      IDENTITY_ENDPOINT: `${tlsOrigin}/msi/token`,
      IDENTITY_HEADER,
    });
    const strategy = createAuthStrategy({ useManagedIdentity: true });
    const error = await failure(strategy.getAuthHeaders());
    await strategy.close?.();
    expect(AzureAuthError.isInstance(error)).toBe(true);
    expect((error as AzureAuthError).code).toBe('tls');
    expect((error as Error).message).toMatch(/certificate of the token endpoint is not trusted/);
    expect((error as AzureAuthError).fix).toContain('NODE_EXTRA_CA_CERTS');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { INTERFERING_IDENTITY_ENV_VARS, isolateIdentityEnv } from './identity-env.js';

const touched = ['AZURE_CLIENT_SECRET', 'MSI_ENDPOINT', 'IDENTITY_ENDPOINT', 'TEST_ONLY_VALUE'];
const before = new Map(touched.map(name => [name, process.env[name]]));

afterEach(() => {
  for (const [name, value] of before) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('isolateIdentityEnv', () => {
  it('clears the interfering variables, sets the given ones, and restores everything', () => {
    process.env.AZURE_CLIENT_SECRET = 'from-the-developer';
    process.env.MSI_ENDPOINT = 'http://elsewhere';
    delete process.env.TEST_ONLY_VALUE;
    const restore = isolateIdentityEnv({
      IDENTITY_ENDPOINT: 'http://127.0.0.1:1/msi/token',
      TEST_ONLY_VALUE: 'x',
    });
    expect(process.env.AZURE_CLIENT_SECRET).toBeUndefined();
    expect(process.env.MSI_ENDPOINT).toBeUndefined();
    expect(process.env.IDENTITY_ENDPOINT).toBe('http://127.0.0.1:1/msi/token');
    expect(process.env.TEST_ONLY_VALUE).toBe('x');
    restore();
    expect(process.env.AZURE_CLIENT_SECRET).toBe('from-the-developer');
    expect(process.env.MSI_ENDPOINT).toBe('http://elsewhere');
    expect(Object.hasOwn(process.env, 'TEST_ONLY_VALUE')).toBe(false);
  });

  it('lists every source @azure/identity and MSAL read before App Service', () => {
    for (const name of [
      'AZURE_CLIENT_ID',
      'AZURE_FEDERATED_TOKEN_FILE',
      'MSI_ENDPOINT',
      'IMDS_ENDPOINT',
    ]) {
      expect(INTERFERING_IDENTITY_ENV_VARS).toContain(name);
    }
  });
});

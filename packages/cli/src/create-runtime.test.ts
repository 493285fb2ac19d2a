import type { AuthStrategy } from '@amplifier-azure-openai/auth';
import { resolveConfig } from '@amplifier-azure-openai/config';
import { describe, expect, it } from 'vitest';
import { createRuntime } from './create-runtime.js';

const resolved = resolveConfig(
  { azure_endpoint: 'http://127.0.0.1:9', api_key: 'runtime-test-key' },
  {},
);
const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('createRuntime', () => {
  it('closes the auth strategy it built when the runtime closes', async () => {
    const runtime = createRuntime(resolved, { logger: silent, verbose: false });
    await runtime.close();
    await expect(runtime.auth.getAuthHeaders()).rejects.toMatchObject({ code: 'closed' });
  });

  it('leaves a strategy passed in open', async () => {
    let closed = 0;
    const auth: AuthStrategy = {
      method: 'api-key',
      describe: () => ({ method: 'api-key', reason: 'test' }),
      getAuthHeaders: async () => ({ 'api-key': 'k' }),
      getBearerToken: async () => 't',
      tokenProvider: () => async () => 't',
      close: () => {
        closed += 1;
      },
    };
    const runtime = createRuntime(resolved, { logger: silent, verbose: false, auth });
    await runtime.close();
    expect(closed).toBe(0);
  });
});

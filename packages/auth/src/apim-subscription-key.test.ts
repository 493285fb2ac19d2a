import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AzureAuthError } from './azure-auth-error.js';
import { createAuthStrategy } from './create-auth-strategy.js';
import { NoCredentialConfiguredError } from './no-credential-configured-error.js';
import { selectAuthMethod } from './select-auth-method.js';

const KEY = 'apim-subscription-key-9876';

describe('API Management subscription key', () => {
  it('is the method when it is the only credential', async () => {
    const auth = createAuthStrategy({ apimSubscriptionKey: KEY });
    expect(auth.method).toBe('apim-subscription-key');
    expect(await auth.getAuthHeaders()).toEqual({ 'Ocp-Apim-Subscription-Key': KEY });
    expect(auth.describe()).toEqual({
      method: 'apim-subscription-key',
      reason: expect.stringContaining('apim_subscription_key'),
    });
    const error = await auth.getBearerToken().catch((thrown: unknown) => thrown);
    expect(AzureAuthError.isInstance(error) && error.code).toBe('wrong-method');
    expect(() => auth.tokenProvider()).toThrow(/Ocp-Apim-Subscription-Key/);
  });

  it('goes along with the chosen method, which it never displaces', async () => {
    const withKey = createAuthStrategy({ apiKey: 'resource-key-1', apimSubscriptionKey: KEY });
    expect(withKey.method).toBe('api-key');
    expect(await withKey.getAuthHeaders()).toEqual({
      'api-key': 'resource-key-1',
      'Ocp-Apim-Subscription-Key': KEY,
    });
    const withToken = createAuthStrategy({
      tokenProvider: async () => 'token-abc',
      apimSubscriptionKey: { reveal: () => KEY },
    });
    expect(await withToken.getAuthHeaders()).toEqual({
      authorization: 'Bearer token-abc',
      'Ocp-Apim-Subscription-Key': KEY,
    });
    const selection = selectAuthMethod({ apiKey: 'resource-key-1', apimSubscriptionKey: KEY });
    expect(selection.ignored).toEqual([]);
    expect(selection.reason).toContain('is sent too, as Ocp-Apim-Subscription-Key');
  });

  it('never shows the key', () => {
    const auth = createAuthStrategy({ apimSubscriptionKey: KEY });
    for (const text of [String(auth), JSON.stringify(auth), inspect(auth, { depth: 5 })]) {
      expect(text).not.toContain(KEY);
    }
  });

  it('an empty key is no credential; a non-string key is a typed error', () => {
    expect(() => createAuthStrategy({ apimSubscriptionKey: '  ' })).toThrow(
      NoCredentialConfiguredError,
    );
    try {
      createAuthStrategy({ apimSubscriptionKey: 42 as unknown as string });
      expect.unreachable();
    } catch (error) {
      expect(AzureAuthError.isInstance(error) && error.code).toBe('invalid-options');
    }
  });
});

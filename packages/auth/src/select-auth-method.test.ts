import { describe, expect, it } from 'vitest';
import { FakeCredential } from './__fixtures__/fake-credential.js';
import type { AuthMethod } from './auth-method.js';
import { AUTH_METHODS } from './auth-method.js';
import type { AuthOptions } from './auth-options.js';
import { AzureAuthError } from './azure-auth-error.js';
import { createAuthStrategy } from './create-auth-strategy.js';
import { NoCredentialConfiguredError } from './no-credential-configured-error.js';
import { selectAuthMethod } from './select-auth-method.js';

const KEY_OF: Record<AuthMethod, string> = {
  'api-key': 'api_key',
  'azure-ad-token': 'azure_ad_token',
  'token-credential': 'credential',
  'token-provider': 'tokenProvider',
  'managed-identity': 'use_managed_identity',
  'default-credential': 'use_default_credential',
  'apim-subscription-key': 'apim_subscription_key',
};

/** The methods that exclude each other (the subscription key goes along with any of them). */
const EXCLUSIVE = AUTH_METHODS.filter(method => method !== 'apim-subscription-key');

function optionsWith(methods: readonly AuthMethod[]): AuthOptions {
  const options: AuthOptions = {};
  for (const method of methods) {
    if (method === 'api-key') options.apiKey = 'key-value-1234';
    if (method === 'azure-ad-token') options.azureAdToken = { reveal: () => 'opaque-token-5678' };
    if (method === 'token-credential') options.credential = new FakeCredential();
    if (method === 'token-provider') options.tokenProvider = async () => 'provided';
    if (method === 'managed-identity') options.useManagedIdentity = true;
    if (method === 'default-credential') options.useDefaultCredential = true;
  }
  return options;
}

/** Every non-empty subset of the six exclusive methods (63 combinations). */
const combinations: AuthMethod[][] = [];
for (let mask = 1; mask < 1 << EXCLUSIVE.length; mask += 1) {
  combinations.push(EXCLUSIVE.filter((_, index) => (mask & (1 << index)) !== 0));
}

describe('selectAuthMethod priority', () => {
  it.each(combinations.map(methods => [methods.join(' + '), methods] as const))(
    '%s',
    (_label, methods) => {
      const expected = AUTH_METHODS.find(method => methods.includes(method));
      const selection = selectAuthMethod(optionsWith(methods));
      expect(selection.method).toBe(expected);
      const ignored = methods.filter(method => method !== expected).map(method => KEY_OF[method]);
      expect(selection.ignored).toEqual(ignored);
      expect(selection.reason.startsWith(`${expected}: `)).toBe(true);
      for (const key of ignored) expect(selection.reason).toContain(key);
      if (ignored.length > 0) expect(selection.reason).toMatch(/(was|were) ignored$/);
      // the strategy agrees
      expect(createAuthStrategy(optionsWith(methods)).method).toBe(expected);
    },
  );

  it('explains the choice like doctor shows it', () => {
    const selection = selectAuthMethod({
      apiKey: 'k-123456',
      azureAdToken: 't-123456',
      useManagedIdentity: true,
    });
    expect(selection.reason).toBe(
      'api-key: api_key is set (config or AZURE_OPENAI_API_KEY / AZURE_OPENAI_KEY); azure_ad_token and use_managed_identity were ignored',
    );
  });

  it('says which identity managed identity uses', () => {
    expect(selectAuthMethod({ useManagedIdentity: true }).reason).toContain('system-assigned');
    const userAssigned = selectAuthMethod({
      useManagedIdentity: true,
      managedIdentityClientId: '11111111-2222-3333-4444-555555555555',
    });
    expect(userAssigned.reason).toContain(
      'user-assigned identity with client id 11111111-2222-3333-4444-555555555555',
    );
    expect(
      selectAuthMethod({ useDefaultCredential: true, managedIdentityClientId: 'abc' }).reason,
    ).toContain('managed identity client id abc is passed to DefaultAzureCredential');
  });

  it('reports an unused client id as ignored', () => {
    const selection = selectAuthMethod({ apiKey: 'k-123456', managedIdentityClientId: 'abc' });
    expect(selection.ignored).toEqual(['managed_identity_client_id']);
  });

  it('treats empty and whitespace secrets as unset', () => {
    expect(selectAuthMethod({ apiKey: '  ', useDefaultCredential: true }).method).toBe(
      'default-credential',
    );
    expect(
      selectAuthMethod({ apiKey: { reveal: () => '' }, azureAdToken: 'tok-1234' }).method,
    ).toBe('azure-ad-token');
  });

  it('accepts the config object of @amplifier-azure-openai/config structurally', () => {
    class Secret {
      readonly #value: string;
      constructor(value: string) {
        this.#value = value;
      }
      reveal(): string {
        return this.#value;
      }
    }
    const config = Object.freeze({
      azureEndpoint: 'https://x.openai.azure.com',
      apiKey: undefined,
      azureAdToken: new Secret('opaque-token-value'),
      useManagedIdentity: true,
      useDefaultCredential: false,
      tokenScope: 'https://cognitiveservices.azure.com/.default',
      tokenRefreshMarginSeconds: 300,
      defaultModel: 'gpt-5',
      maxTokens: 4096,
    });
    const strategy = createAuthStrategy(config);
    expect(strategy.method).toBe('azure-ad-token');
    expect(strategy.describe().reason).toContain('use_managed_identity was ignored');
  });
});

describe('no credential configured', () => {
  it.each([
    ['empty options', {}],
    ['everything false or empty', { apiKey: '', azureAdToken: ' ', useManagedIdentity: false }],
  ] as const)('throws NoCredentialConfiguredError for %s', (_label, options) => {
    const error = (() => {
      try {
        createAuthStrategy(options);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(NoCredentialConfiguredError.isInstance(error)).toBe(true);
    expect(AzureAuthError.isInstance(error)).toBe(true);
    const { message, code, method, fix } = error as NoCredentialConfiguredError;
    expect(code).toBe('no-credential');
    expect(method).toBe('none');
    for (const way of [
      'api_key',
      'AZURE_OPENAI_API_KEY',
      'AZURE_OPENAI_KEY',
      'azure_ad_token',
      'AZURE_OPENAI_AD_TOKEN',
      'use_managed_identity',
      'AZURE_USE_MANAGED_IDENTITY',
      'managed_identity_client_id',
      'AZURE_MANAGED_IDENTITY_CLIENT_ID',
      'use_default_credential',
      'AZURE_USE_DEFAULT_CREDENTIAL',
      'credential',
      'tokenProvider',
    ]) {
      expect(message).toContain(way);
    }
    expect(message).toContain('az login');
    expect(fix).toContain('az login');
  });

  it('hints at a client id set without a managed identity flag', () => {
    expect(() => selectAuthMethod({ managedIdentityClientId: 'abc' })).toThrow(
      /managed_identity_client_id is set, but neither use_managed_identity nor use_default_credential/,
    );
  });
});

describe('invalid options', () => {
  it.each([
    ['null', null],
    ['apiKey number', { apiKey: 42 }],
    ['useManagedIdentity string', { useManagedIdentity: 'true' }],
    ['credential without getToken', { credential: {} }],
    ['tokenProvider not a function', { tokenProvider: 'x' }],
    ['empty tokenScope', { tokenScope: '' }],
    ['negative margin', { apiKey: 'k', tokenRefreshMarginSeconds: -1 }],
    ['NaN margin', { apiKey: 'k', tokenRefreshMarginSeconds: Number.NaN }],
    ['client id number', { managedIdentityClientId: 5, useManagedIdentity: true }],
  ])('rejects %s with code invalid-options', (_label, options) => {
    expect(() => createAuthStrategy(options as unknown as AuthOptions)).toThrow(
      expect.objectContaining({ code: 'invalid-options' }),
    );
  });
});

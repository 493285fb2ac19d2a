import { describe, expect, it } from 'vitest';
import { identityError } from './__fixtures__/fake-credential.js';
import { AzureAuthError } from './azure-auth-error.js';
import { translateIdentityError } from './translate-identity-error.js';

function translate(error: unknown, context: Parameters<typeof translateIdentityError>[1]) {
  const result = translateIdentityError(error, context);
  expect(AzureAuthError.isInstance(result)).toBe(true);
  return result as AzureAuthError;
}

describe('translateIdentityError', () => {
  it('managed identity on a host without one -> no identity on this host, mentions WSL2', () => {
    const cause = identityError(
      'CredentialUnavailableError',
      'ManagedIdentityCredential: Authentication failed. Message Attempted to use the IMDS endpoint, but it is not available.',
    );
    const error = translate(cause, { method: 'managed-identity' });
    expect(error.method).toBe('managed-identity');
    expect(error.code).toBe('credential-unavailable');
    expect(error.cause).toBe(cause);
    expect(error.fix).toContain('no managed identity');
    expect(error.fix).toContain('WSL2');
    expect(error.fix).toContain('use_default_credential');
    expect(error.fix).toContain('az login');
    expect(error.message).toContain('IMDS endpoint');
  });

  it('network unreachable (MSAL network_error / ECONNREFUSED) -> network', () => {
    const msal = identityError(
      'CredentialUnavailableError',
      'ManagedIdentityCredential: Network unreachable. Message: connect ECONNREFUSED 169.254.169.254:80',
      { cause: Object.assign(new Error('network'), { errorCode: 'network_error' }) },
    );
    expect(translate(msal, { method: 'managed-identity' }).code).toBe('network');
    const raw = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    const error = translate(raw, { method: 'token-credential' });
    expect(error.code).toBe('network');
    expect(error.fix).toContain('WSL2');
  });

  it('user-assigned identity not found -> wrong client id fix', () => {
    const cause = identityError(
      'CredentialUnavailableError',
      'ManagedIdentityCredential: Authentication failed. Message Identity not found',
      { cause: Object.assign(new Error('400'), { statusCode: 400 }) },
    );
    const error = translate(cause, {
      method: 'managed-identity',
      managedIdentityClientId: 'bad-client-id',
    });
    expect(error.code).toBe('authentication-failed');
    expect(error.message).toContain('bad-client-id');
    expect(error.fix).toContain('managed_identity_client_id');
    expect(error.fix).toContain('client id');
  });

  it('a 5xx from the token endpoint -> token-endpoint-error (transient), not "no identity"', () => {
    const cause = identityError(
      'CredentialUnavailableError',
      'ManagedIdentityCredential: Authentication failed. Message InternalServerError',
      { cause: Object.assign(new Error('server'), { name: 'ServerError', status: 500 }) },
    );
    const error = translate(cause, { method: 'managed-identity' });
    expect(error.code).toBe('token-endpoint-error');
    expect(error.message).toContain('HTTP 500');
    expect(error.fix).toContain('transient');
  });

  it('AuthenticationRequiredError -> az login', () => {
    const error = translate(
      identityError('AuthenticationRequiredError', 'Automatic authentication has been disabled.'),
      { method: 'default-credential' },
    );
    expect(error.code).toBe('authentication-required');
    expect(error.fix).toContain('az login');
  });

  it('DefaultAzureCredential chain failure (not logged in) -> az login or service principal', () => {
    const cause = identityError(
      'CredentialUnavailableError',
      "DefaultAzureCredential failed to retrieve a token from the included credentials.\nAzureCliCredential: Please run 'az login' from a command prompt to authenticate before using this credential.",
    );
    const error = translate(cause, { method: 'default-credential' });
    expect(error.code).toBe('credential-unavailable');
    expect(error.message).toContain('not logged in');
    expect(error.fix).toContain('az login');
    expect(error.fix).toContain('AZURE_CLIENT_SECRET');
  });

  it('AggregateAuthenticationError and AuthenticationError -> authentication-failed', () => {
    const inner = identityError('AuthenticationError', 'invalid_client Status code: 401', {
      statusCode: 401,
    });
    const aggregate = identityError(
      'AggregateAuthenticationError',
      'ChainedTokenCredential authentication failed.',
      {
        errors: [inner],
      },
    );
    expect(translate(aggregate, { method: 'default-credential' }).code).toBe(
      'authentication-failed',
    );
    expect(translate(inner, { method: 'token-credential' }).code).toBe('authentication-failed');
    expect(translate(inner, { method: 'managed-identity' }).code).toBe('authentication-failed');
  });

  it('passes AzureAuthError and abort errors through unchanged', () => {
    const existing = new AzureAuthError({
      message: 'x',
      method: 'api-key',
      code: 'wrong-method',
      fix: 'y',
    });
    expect(translateIdentityError(existing, { method: 'api-key' })).toBe(existing);
    const abort = new DOMException('aborted', 'AbortError');
    expect(translateIdentityError(abort, { method: 'managed-identity' })).toBe(abort);
  });

  it('redacts tokens and known secrets from the cause text', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl';
    const cause = new Error(`refresh failed for ${jwt} with Bearer abc.def and old-token-value`);
    const error = translate(cause, {
      method: 'token-credential',
      knownSecrets: ['old-token-value'],
    });
    expect(error.message).not.toContain(jwt);
    expect(error.message).not.toContain('abc.def');
    expect(error.message).not.toContain('old-token-value');
    expect(error.message).toContain('[REDACTED]');
  });

  it('handles non-Error throwables', () => {
    expect(translate('plain string', { method: 'token-provider' }).message).toContain(
      'plain string',
    );
    expect(translate(undefined, { method: 'token-provider' }).code).toBe('authentication-failed');
  });
});

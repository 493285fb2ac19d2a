import { describe, expect, it } from 'vitest';
import { AuthenticationError } from '../errors/authentication-error.js';
import { ServiceUnavailableError } from '../errors/service-unavailable-error.js';
import { invalidateToken, isRefusedToken, refreshedTokenRefused } from './token-refresh.js';

const refused = (status: number) =>
  new AuthenticationError({ message: 'nope', status, requestId: 'apim-1', clientRequestId: 'c-1' });

describe('token refresh on 401', () => {
  it('only a 401 on a refreshable token method counts', () => {
    const managed = { method: 'managed-identity' };
    expect(isRefusedToken(refused(401), managed)).toBe(true);
    expect(isRefusedToken(refused(403), managed)).toBe(false);
    expect(isRefusedToken(refused(401), { method: 'api-key' })).toBe(false);
    expect(isRefusedToken(refused(401), { method: 'azure-ad-token' })).toBe(false);
    expect(
      isRefusedToken(new ServiceUnavailableError({ message: 'x', status: 401 }), managed),
    ).toBe(false);
  });

  it('retries only when the strategy can invalidate and says the token may change', () => {
    expect(invalidateToken({ method: 'token-credential' })).toBe(false);
    expect(invalidateToken({ method: 'token-credential', invalidate: () => false })).toBe(false);
    expect(invalidateToken({ method: 'token-credential', invalidate: () => true })).toBe(true);
    expect(
      invalidateToken({
        method: 'token-credential',
        invalidate: () => {
          throw new Error('broken');
        },
      }),
    ).toBe(false);
  });

  it('the second refusal says the token was refreshed, keeps the ids, and names the MSAL cache for managed identity', () => {
    const error = refreshedTokenRefused(refused(401), 'managed-identity');
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.message).toContain('again after it was refreshed');
    expect(error.requestId).toBe('apim-1');
    expect(error.clientRequestId).toBe('c-1');
    expect(error.fix).toMatch(/MSAL/);
    expect(refreshedTokenRefused(refused(401), 'token-credential').fix).not.toMatch(/MSAL/);
  });
});

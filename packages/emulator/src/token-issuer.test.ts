import { describe, expect, it } from 'vitest';
import { normalizeResource, TokenIssuer } from './token-issuer.js';

describe('TokenIssuer', () => {
  it('verifies its tokens until they expire (injected clock)', () => {
    let now = 1_700_000_000_000;
    const issuer = new TokenIssuer(() => now);
    const { token, expiresOn } = issuer.issue({
      audience: 'https://cognitiveservices.azure.com/.default',
      lifetimeSeconds: 60,
      clientId: undefined,
    });
    expect(expiresOn).toBe(1_700_000_060);
    expect(issuer.verify(token)).toMatchObject({ ok: true, claims: { idtyp: 'system' } });
    now += 60_000;
    expect(issuer.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects other audiences, other issuers and garbage', () => {
    const issuer = new TokenIssuer(() => 0);
    const other = new TokenIssuer(() => 0);
    const mgmt = issuer.issue({
      audience: 'https://management.azure.com',
      lifetimeSeconds: 60,
      clientId: 'u',
    });
    expect(issuer.verify(mgmt.token)).toEqual({ ok: false, reason: 'audience' });
    const foreign = other.issue({
      audience: 'https://cognitiveservices.azure.com',
      lifetimeSeconds: 60,
      clientId: 'u',
    });
    expect(issuer.verify(foreign.token)).toEqual({ ok: false, reason: 'invalid' });
    expect(issuer.verify('a.b')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('normalizes resources and scopes', () => {
    expect(normalizeResource('https://cognitiveservices.azure.com/.default')).toBe(
      'https://cognitiveservices.azure.com',
    );
    expect(normalizeResource('https://ai.azure.com/')).toBe('https://ai.azure.com');
  });
});

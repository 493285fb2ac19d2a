import { describe, expect, it } from 'vitest';
import { makeJwt } from './__fixtures__/fake-credential.js';
import { readJwtExpiry } from './jwt-expiry.js';

describe('readJwtExpiry', () => {
  it('reads exp in milliseconds', () => {
    expect(readJwtExpiry(makeJwt({ exp: 1_900_000_000 }))).toBe(1_900_000_000_000);
  });

  it.each([
    ['an opaque token', 'opaque-token'],
    ['two parts', 'a.b'],
    ['a payload that is not JSON', 'a.bm90IGpzb24.c'],
    ['a JSON payload that is not an object', `a.${Buffer.from('42').toString('base64url')}.c`],
    ['no exp', makeJwt({ aud: 'x' })],
    ['a string exp', makeJwt({ exp: '1900000000' })],
    ['invalid base64url characters', 'a.b$c.d'],
  ])('returns undefined for %s', (_label, token) => {
    expect(readJwtExpiry(token)).toBeUndefined();
  });
});

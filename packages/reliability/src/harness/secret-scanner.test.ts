import { describe, expect, it } from 'vitest';
import { createSecretScanner } from './secret-scanner.js';

describe('createSecretScanner', () => {
  it('finds every occurrence of a secret and any JWT, and masks them in the context', () => {
    const scanner = createSecretScanner();
    scanner.addSecret('api key', 'key-0123456789');
    scanner.scan('out', 'a key-0123456789 b key-0123456789 c');
    scanner.scan('err', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop');
    scanner.scan('clean', 'nothing here [REDACTED]');
    expect(scanner.hits.map(hit => [hit.source, hit.secret])).toEqual([
      ['out', 'api key'],
      ['out', 'api key'],
      ['err', 'a JWT access token'],
    ]);
    expect(scanner.hits.every(hit => !hit.context.includes('key-0123456789'))).toBe(true);
    expect(scanner.hits[2]?.context).toContain('<JWT>');
    expect(scanner.scanned.texts).toBe(3);
  });

  it('refuses secrets too short to scan for', () => {
    expect(() => createSecretScanner().addSecret('short', 'abc')).toThrow(/too short/);
  });
});

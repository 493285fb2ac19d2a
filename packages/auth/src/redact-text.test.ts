import { describe, expect, it } from 'vitest';
import { redactText } from './redact-text.js';

describe('redactText', () => {
  it('removes known secrets, JWTs, bearer values and api-key values', () => {
    const text =
      'key=super-secret-value token eyJhbGciOi.eyJzdWIiOiJ4In0.sig Authorization: Bearer opaque123 api-key: k-999';
    const result = redactText(text, ['super-secret-value']);
    expect(result).not.toContain('super-secret-value');
    expect(result).not.toContain('eyJhbGciOi');
    expect(result).not.toContain('opaque123');
    expect(result).not.toContain('k-999');
  });

  it('leaves ordinary text alone and ignores very short known values', () => {
    expect(redactText('connect ECONNREFUSED 127.0.0.1:80', ['a'])).toBe(
      'connect ECONNREFUSED 127.0.0.1:80',
    );
  });
});

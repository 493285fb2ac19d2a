import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AzureAuthError } from './azure-auth-error.js';
import { NoCredentialConfiguredError } from './no-credential-configured-error.js';

describe('AzureAuthError', () => {
  it('keeps method, code, fix and cause, and appends the fix to the message', () => {
    const cause = new Error('inner');
    const error = new AzureAuthError({
      message: 'It failed.',
      method: 'managed-identity',
      code: 'network',
      fix: 'Do this.',
      cause,
    });
    expect(error.name).toBe('AzureAuthError');
    expect(error.message).toBe('It failed.\nHow to fix: Do this.');
    expect(error).toMatchObject({ method: 'managed-identity', code: 'network', fix: 'Do this.' });
    expect(error.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'AzureAuthError',
      message: error.message,
      method: 'managed-identity',
      code: 'network',
      fix: 'Do this.',
    });
  });

  it('isInstance works across copies (Symbol.for marker) and rejects look-alikes', () => {
    const error = new NoCredentialConfiguredError();
    expect(AzureAuthError.isInstance(error)).toBe(true);
    expect(NoCredentialConfiguredError.isInstance(error)).toBe(true);
    expect(error.name).toBe('NoCredentialConfiguredError');
    const other = new AzureAuthError({
      message: 'm',
      method: 'api-key',
      code: 'wrong-method',
      fix: 'f',
    });
    expect(NoCredentialConfiguredError.isInstance(other)).toBe(false);
    const copy = Object.assign(new Error('copy'), {
      [Symbol.for('amplifier-azure-openai.auth-error')]: true,
    });
    expect(AzureAuthError.isInstance(copy)).toBe(true);
    expect(AzureAuthError.isInstance({ name: 'AzureAuthError' })).toBe(false);
    expect(AzureAuthError.isInstance(null)).toBe(false);
  });

  it('prints the hints of NoCredentialConfiguredError', () => {
    const error = new NoCredentialConfiguredError({ hints: ['a hint'] });
    expect(error.message).toContain('Note: a hint');
    expect(inspect(error)).toContain('NoCredentialConfiguredError');
    expect(JSON.parse(JSON.stringify(error)).hints).toEqual(['a hint']);
  });
});

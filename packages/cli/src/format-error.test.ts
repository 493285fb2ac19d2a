import { describe, expect, it } from 'vitest';
import { formatErrorLine, oneLine } from './format-error.js';
import { UsageError } from './usage-error.js';

describe('formatErrorLine', () => {
  it('prints one line `error: <Name>: <message>`', () => {
    const error = new Error('Invalid configuration (2 problems):\n- a: bad\n\n- b: worse');
    error.name = 'ConfigError';
    expect(formatErrorLine(error)).toBe(
      'error: ConfigError: Invalid configuration (2 problems): - a: bad - b: worse\n',
    );
  });

  it('handles non-errors and empty messages', () => {
    expect(formatErrorLine('boom')).toBe('error: Error: boom\n');
    expect(formatErrorLine(new Error(''))).toBe('error: Error: (no message)\n');
  });

  it('points usage errors at the right --help', () => {
    expect(formatErrorLine(new UsageError({ message: 'Bad.', command: 'chat' }))).toBe(
      "error: UsageError: Bad. Run 'amplifier-azure-openai chat --help' for usage.\n",
    );
    expect(oneLine('  a \n  b  ')).toBe('a b');
  });
});

describe('formatErrorLine correlation ids', () => {
  it('appends apim-request-id and x-ms-client-request-id when the error carries them', () => {
    const error = Object.assign(new Error('throttled'), {
      name: 'RateLimitError',
      requestId: 'apim-1',
      clientRequestId: '0b7c6a4e-1d1e-4c55-9a8b-3b1f2f3c4d5e',
    });
    expect(formatErrorLine(error)).toBe(
      'error: RateLimitError: throttled (apim-request-id apim-1, x-ms-client-request-id 0b7c6a4e-1d1e-4c55-9a8b-3b1f2f3c4d5e)\n',
    );
    expect(formatErrorLine(Object.assign(new Error('x'), { requestId: 'apim-2' }))).toBe(
      'error: Error: x (apim-request-id apim-2)\n',
    );
  });
});

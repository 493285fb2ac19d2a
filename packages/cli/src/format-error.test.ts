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

import { describe, expect, it } from 'vitest';
import type { OptionSpec } from './command-spec.js';
import { parseCommandArgs } from './parse-command-args.js';
import { UsageError } from './usage-error.js';

const OPTIONS: Record<string, OptionSpec> = {
  config: { type: 'string', short: 'c', valueName: 'FILE', description: '' },
  json: { type: 'boolean', description: '' },
};

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(UsageError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('parseCommandArgs', () => {
  it('parses options and positionals in any order', () => {
    const parsed = parseCommandArgs(['hello', '-c', 'a.toml', '--json', 'world'], OPTIONS, {
      allowPositionals: true,
    });
    expect(parsed).toEqual({
      values: { config: 'a.toml', json: true },
      positionals: ['hello', 'world'],
    });
  });

  it('turns unknown options, missing values and stray positionals into usage errors', () => {
    expect(
      usageMessage(() => parseCommandArgs(['--nope'], OPTIONS, { allowPositionals: true })),
    ).toMatch(/^Unknown option '--nope' \(known: --config, --json\)\./);
    expect(
      usageMessage(() => parseCommandArgs(['--config'], OPTIONS, { allowPositionals: true })),
    ).toMatch(/^Option '--config' needs a value \(--config FILE\)\./);
    expect(
      usageMessage(() => parseCommandArgs(['--json=yes'], OPTIONS, { allowPositionals: true })),
    ).toMatch(/^Option '--json' is a switch/);
    expect(
      usageMessage(() =>
        parseCommandArgs(['extra'], OPTIONS, { allowPositionals: false, command: 'config' }),
      ),
    ).toMatch(/^Unexpected argument 'extra'\. Run 'amplifier-azure-openai config --help'/);
  });

  it('stops at the first positional for the top level (command and its arguments)', () => {
    const parsed = parseCommandArgs(['--json', 'chat', '--config', 'x', 'hi'], OPTIONS, {
      allowPositionals: true,
      stopAtPositional: true,
    });
    expect(parsed).toEqual({
      values: { json: true },
      positionals: ['chat', '--config', 'x', 'hi'],
    });
  });
});

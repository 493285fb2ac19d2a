import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import type { ConfigProblem } from './types.js';

const missingEndpoint: ConfigProblem = {
  key: 'azure_endpoint',
  source: 'default',
  code: 'missing',
  message: 'The Azure OpenAI endpoint is not set.',
  fix: 'Pass `azure_endpoint` in the provider config or set AZURE_OPENAI_ENDPOINT',
};
const badTemperature: ConfigProblem = {
  key: 'temperature',
  source: 'env',
  code: 'invalid',
  message: 'AZURE_OPENAI_TEMPERATURE must be a number from 0 to 2; got "x".',
  fix: 'Set AZURE_OPENAI_TEMPERATURE to a number from 0 to 2, or unset it.',
};

describe('ConfigError', () => {
  it('has a stable name, the problems, and a message listing each with its fix', () => {
    const error = new ConfigError({ problems: [missingEndpoint, badTemperature] });
    expect(error.name).toBe('ConfigError');
    expect(error).toBeInstanceOf(Error);
    expect(error.problems).toEqual([missingEndpoint, badTemperature]);
    expect(error.message).toBe(
      [
        'Invalid Azure OpenAI configuration (2 problems):',
        `- azure_endpoint: ${missingEndpoint.message} Fix: ${missingEndpoint.fix}`,
        `- temperature: ${badTemperature.message} Fix: ${badTemperature.fix}`,
      ].join('\n'),
    );
  });

  it('shows the file path and line of file problems', () => {
    const error = new ConfigError({
      problems: [
        {
          key: 'settings_file',
          source: 'file',
          code: 'invalid',
          message: 'Bad TOML.',
          fix: 'Fix it.',
          path: '/tmp/s.toml',
          line: 3,
        },
      ],
    });
    expect(error.message).toContain('- settings_file (/tmp/s.toml:3): Bad TOML. Fix: Fix it.');
    expect(error.message).toContain('(1 problem)');
  });

  it('keeps the cause and accepts a custom message', () => {
    const cause = new Error('root');
    const error = new ConfigError({ problems: [badTemperature], message: 'custom', cause });
    expect(error.message).toBe('custom');
    expect(error.cause).toBe(cause);
  });

  it('freezes its problems (copies of the inputs)', () => {
    const problem = { ...badTemperature };
    const error = new ConfigError({ problems: [problem] });
    expect(Object.isFrozen(error.problems)).toBe(true);
    expect(Object.isFrozen(error.problems[0])).toBe(true);
    problem.message = 'changed';
    expect(error.problems[0]?.message).toBe(badTemperature.message);
  });

  it.each([
    [[missingEndpoint], true],
    [[missingEndpoint, badTemperature], false],
    [[badTemperature], false],
    [[{ ...missingEndpoint, key: 'settings_file', source: 'file' as const }], false],
    [[], false],
  ])('isMissingRequired for %j is %s', (problems, expected) => {
    expect(new ConfigError({ problems }).isMissingRequired).toBe(expected);
  });

  it('isInstance recognises errors from another copy through the shared symbol', () => {
    expect(ConfigError.isInstance(new ConfigError({ problems: [badTemperature] }))).toBe(true);
    expect(ConfigError.isInstance(new Error('x'))).toBe(false);
    expect(ConfigError.isInstance(undefined)).toBe(false);
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('amplifier-azure-openai.config-error')]: true,
    });
    expect(ConfigError.isInstance(foreign)).toBe(true);
  });
});

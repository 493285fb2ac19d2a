import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  DeploymentConfigError,
  DeploymentError,
  describeKind,
  InvalidModelNameError,
} from './deployment-errors.js';

describe('errors', () => {
  it('have stable names, readonly context, a fix and a kept cause', () => {
    const cause = new Error('root');
    const error = new DeploymentConfigError({
      problems: [
        { key: 'deployment_mapping.gpt-5', message: 'Is an empty list.', fix: 'List one.' },
        { key: 'default_deployment', message: 'Bad.', fix: 'Fix it.' },
      ],
      cause,
    });
    expect(error.name).toBe('DeploymentConfigError');
    expect(error.key).toBe('deployment_mapping.gpt-5');
    expect(error.fix).toBe('List one.');
    expect(error.cause).toBe(cause);
    expect(Object.isFrozen(error.problems)).toBe(true);
    expect(error.message).toBe(
      'Invalid deployment configuration (2 problems):\n' +
        '- deployment_mapping.gpt-5: Is an empty list. Fix: List one.\n' +
        '- default_deployment: Bad. Fix: Fix it.',
    );
    expect(error).toBeInstanceOf(Error);
    expect(inspect(error)).toContain('DeploymentConfigError');
  });

  it('isInstance matches by marker, so copies of the package recognise each other', () => {
    const config = new DeploymentConfigError({
      problems: [{ key: 'k', message: 'm', fix: 'f' }],
    });
    const model = new InvalidModelNameError({ received: 'an empty string' });
    expect(DeploymentError.isInstance(config)).toBe(true);
    expect(DeploymentConfigError.isInstance(config)).toBe(true);
    expect(InvalidModelNameError.isInstance(config)).toBe(false);
    expect(DeploymentError.isInstance(model)).toBe(true);
    expect(InvalidModelNameError.isInstance(model)).toBe(true);
    expect(DeploymentConfigError.isInstance(model)).toBe(false);
    // A lookalike from another copy carries the same global symbols.
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('amplifier-azure-openai.deployments-error')]: true,
      [Symbol.for('amplifier-azure-openai.deployment-config-error')]: true,
    });
    expect(DeploymentConfigError.isInstance(foreign)).toBe(true);
    for (const value of [new Error('plain'), null, undefined, 'DeploymentError', {}]) {
      expect(DeploymentError.isInstance(value)).toBe(false);
    }
  });

  it('the marker does not show up in JSON', () => {
    const error = new InvalidModelNameError({ received: 'a number' });
    expect(Object.keys(error)).not.toContain('marker');
    expect(JSON.stringify(error)).not.toContain('amplifier-azure-openai');
    expect(error.message).toBe('Model name must be a non-empty string, but received a number.');
  });

  it('describeKind names a value kind without echoing it', () => {
    expect(describeKind('secret')).toBe('a string');
    expect(describeKind('')).toBe('an empty string');
    expect(describeKind([])).toBe('an empty list');
    expect(describeKind([1])).toBe('a list');
    expect(describeKind({})).toBe('an object');
    expect(describeKind(null)).toBe('null');
    expect(describeKind(undefined)).toBe('undefined');
    expect(describeKind(1)).toBe('a number');
    expect(describeKind(Number.NaN)).toBe('NaN');
    expect(describeKind(true)).toBe('a boolean');
  });
});

import { NoCredentialConfiguredError } from '@amplifier-azure-openai/auth';
import { ConfigError } from '@amplifier-azure-openai/config';
import {
  AuthenticationError,
  ContentFilterError,
  DeploymentNotFoundError,
  RateLimitError,
  ServiceUnavailableError,
} from '@amplifier-azure-openai/provider';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, errorName, exitCodeFor, exitCodeForSignal } from './exit-codes.js';
import { ToolsFileError } from './tools-file-error.js';
import { UsageError } from './usage-error.js';

describe('exitCodeForSignal', () => {
  it('gives what a shell reports for a process stopped by the signal', () => {
    expect(exitCodeForSignal('SIGINT')).toBe(130);
    expect(exitCodeForSignal('SIGTERM')).toBe(143);
    expect(exitCodeForSignal('SIGHUP')).toBe(EXIT_CODES.failure);
  });
});

describe('exitCodeFor', () => {
  it('maps every error category to its exit code', () => {
    const problem = {
      key: 'temperature',
      source: 'config' as const,
      code: 'invalid' as const,
      message: 'bad',
      fix: 'fix',
    };
    expect(exitCodeFor(new ConfigError({ problems: [problem] }))).toBe(2);
    expect(exitCodeFor(new UsageError({ message: 'x' }))).toBe(2);
    expect(exitCodeFor(new ToolsFileError({ path: 'a', message: 'b', fix: 'c' }))).toBe(2);
    expect(exitCodeFor(new NoCredentialConfiguredError())).toBe(3);
    expect(exitCodeFor(new AuthenticationError({ message: 'x', status: 401 }))).toBe(3);
    expect(exitCodeFor(new DeploymentNotFoundError({ message: 'x', status: 404 }))).toBe(4);
    expect(exitCodeFor(new RateLimitError({ message: 'x', status: 429 }))).toBe(5);
    expect(exitCodeFor(new ContentFilterError({ message: 'x', status: 400 }))).toBe(6);
    expect(exitCodeFor(new ServiceUnavailableError({ message: 'x', status: 503 }))).toBe(1);
    expect(exitCodeFor(new Error('x'))).toBe(EXIT_CODES.failure);
    expect(exitCodeFor('a string')).toBe(1);
  });

  it('recognises errors by name, as a second copy of a package would throw them', () => {
    const copy = Object.assign(new Error('x'), { name: 'DeploymentNotFoundError' });
    expect(exitCodeFor(copy)).toBe(4);
    expect(errorName({})).toBe('Error');
    expect(errorName(null)).toBe('Error');
  });
});

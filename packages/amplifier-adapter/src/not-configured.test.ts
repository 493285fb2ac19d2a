import { ConfigError, resolveConfig } from '@amplifier-azure-openai/config';
import { describe, expect, it } from 'vitest';
import { describeNotConfigured, isNotConfigured } from './not-configured.js';

function configError(input: Record<string, unknown>): ConfigError {
  try {
    resolveConfig(input, {});
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function named(name: string, fields: Record<string, unknown> = {}): Error {
  return Object.assign(new Error('x'), { name }, fields);
}

describe('isNotConfigured', () => {
  it('is true for a missing endpoint and for no credential', () => {
    expect(isNotConfigured(configError({}))).toBe(true);
    expect(isNotConfigured(named('NoCredentialConfiguredError'))).toBe(true);
  });

  it('is false for an invalid configuration and other errors', () => {
    expect(
      isNotConfigured(
        configError({ azure_endpoint: 'https://x.openai.azure.com', max_retries: 'many' }),
      ),
    ).toBe(false);
    expect(isNotConfigured(new Error('boom'))).toBe(false);
    expect(isNotConfigured(undefined)).toBe(false);
  });
});

describe('describeNotConfigured', () => {
  it('names the endpoint key and its environment variable on one line', () => {
    const message = describeNotConfigured(configError({}));
    expect(message).toMatch(/^azure-openai provider not mounted: missing azure_endpoint/);
    expect(message).toContain('AZURE_OPENAI_ENDPOINT');
  });

  it('lists the ways to configure a credential', () => {
    expect(
      describeNotConfigured(
        named('NoCredentialConfiguredError', {
          ways: ['API key: api_key', 'token: azure_ad_token'],
        }),
      ),
    ).toBe(
      'azure-openai provider not mounted: no Azure credential configured. Set one of: API key: api_key; token: azure_ad_token.',
    );
    expect(describeNotConfigured(named('NoCredentialConfiguredError'))).toContain(
      'AZURE_OPENAI_API_KEY',
    );
  });
});

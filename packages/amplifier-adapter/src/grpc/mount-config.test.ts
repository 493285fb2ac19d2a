import { describe, expect, it } from 'vitest';
import { mountConfigToNative } from './mount-config.js';
import { ProtoConversionError } from './proto-conversion-error.js';

describe('mountConfigToNative', () => {
  it('types values by their config key', () => {
    expect(
      mountConfigToNative({
        azure_endpoint: 'https://x.openai.azure.com',
        api_key: '12345678',
        use_managed_identity: 'true',
        max_tokens: '2048',
        temperature: '0.3',
        deployment_mapping: '{"gpt-5":"prod"}',
        default_model: 'gpt-5',
      }),
    ).toEqual({
      azure_endpoint: 'https://x.openai.azure.com',
      api_key: '12345678',
      use_managed_identity: true,
      max_tokens: 2048,
      temperature: 0.3,
      deployment_mapping: { 'gpt-5': 'prod' },
      default_model: 'gpt-5',
    });
  });

  it('leaves unparseable scalars for resolveConfig to report', () => {
    expect(mountConfigToNative({ max_tokens: 'lots', debug: 'yes' })).toEqual({
      max_tokens: 'lots',
      debug: 'yes',
    });
  });

  it('reads config_json as the whole config, other entries overriding it', () => {
    expect(
      mountConfigToNative({
        config_json: '{"azure_endpoint":"https://a","max_tokens":10}',
        max_tokens: '20',
      }),
    ).toEqual({ azure_endpoint: 'https://a', max_tokens: 20 });
  });

  it('names the entry holding invalid JSON', () => {
    for (const [config, field] of [
      [{ deployment_mapping: '{bad' }, 'config.deployment_mapping'],
      [{ config_json: 'nope' }, 'config.config_json'],
      [{ config_json: '[1]' }, 'config.config_json'],
    ] as const) {
      try {
        mountConfigToNative(config);
        expect.unreachable();
      } catch (error) {
        expect(ProtoConversionError.isInstance(error)).toBe(true);
        expect((error as ProtoConversionError).field).toBe(field);
      }
    }
  });
});

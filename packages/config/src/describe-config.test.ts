import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from './config-keys.js';
import { describeConfig } from './describe-config.js';
import { resolveConfig } from './resolve-config.js';

describe('describeConfig', () => {
  const resolved = resolveConfig(
    {
      azure_endpoint: 'https://my-resource.openai.azure.com',
      api_key: 'sk-DESCRIBE-SECRET',
      deployment_mapping: { 'gpt-5': ['a', 'b'] },
      temperature: '0.3',
    },
    {
      AZURE_OPENAI_AD_TOKEN: 'TOKEN-DESCRIBE-SECRET',
      AZURE_OPENAI_API_VERSION: '2025-04-01-preview',
    },
  );
  const rows = describeConfig(resolved);

  it('lists every key in CONFIG_KEYS order, then api_surface and base_url', () => {
    expect(rows.map(row => row.key)).toEqual([
      ...CONFIG_KEYS.map(info => info.key),
      'api_surface',
      'base_url',
    ]);
  });

  it('prints values as text with their source', () => {
    const byKey = Object.fromEntries(rows.map(row => [row.key, row]));
    expect(byKey.azure_endpoint).toEqual({
      key: 'azure_endpoint',
      value: 'https://my-resource.openai.azure.com',
      source: 'config',
    });
    expect(byKey.temperature).toEqual({ key: 'temperature', value: '0.3', source: 'config' });
    expect(byKey.max_tokens).toEqual({ key: 'max_tokens', value: '4096', source: 'default' });
    expect(byKey.top_p).toEqual({ key: 'top_p', value: '(unset)', source: 'default' });
    expect(byKey.api_version).toEqual({
      key: 'api_version',
      value: '2025-04-01-preview',
      source: 'env',
    });
    expect(byKey.deployment_mapping?.value).toBe(
      '{"gpt-5":[{"deployment":"a"},{"deployment":"b"}]}',
    );
    expect(byKey.api_surface).toEqual({ key: 'api_surface', value: 'dated', source: 'env' });
    expect(byKey.base_url?.value).toBe('https://my-resource.openai.azure.com/openai');
  });

  it('redacts secrets', () => {
    const byKey = Object.fromEntries(rows.map(row => [row.key, row]));
    expect(byKey.api_key).toEqual({ key: 'api_key', value: '[REDACTED]', source: 'config' });
    expect(byKey.azure_ad_token).toEqual({
      key: 'azure_ad_token',
      value: '[REDACTED]',
      source: 'env',
    });
    const text = `${JSON.stringify(rows)} ${inspect(rows)}`;
    expect(text).not.toContain('DESCRIBE-SECRET');
  });
});

import { describe, expect, it } from 'vitest';
import { buildProviderInfo } from './provider-info.js';

describe('buildProviderInfo', () => {
  const info = buildProviderInfo({
    model: 'gpt-5',
    max_tokens: 4096,
    temperature: 0.7,
    timeout: 600,
    max_retries: 3,
    store: false,
    api_surface: 'v1',
  });

  it('identifies the provider and its credentials', () => {
    expect(info.id).toBe('azure-openai');
    expect(info.display_name).toBe('Azure OpenAI');
    expect(info.credential_env_vars).toContain('AZURE_OPENAI_API_KEY');
    expect(info.credential_env_vars).toContain('AZURE_OPENAI_AD_TOKEN');
    expect(info.capabilities).toEqual(expect.arrayContaining(['tools', 'streaming']));
    expect(info.defaults.model).toBe('gpt-5');
  });

  it('derives interactive config fields from CONFIG_KEYS', () => {
    const byId = new Map(info.config_fields.map(field => [field.id, field]));
    expect(byId.get('azure_endpoint')).toMatchObject({
      field_type: 'text',
      required: true,
      env_var: 'AZURE_OPENAI_ENDPOINT',
      display_name: 'Azure Endpoint',
    });
    expect(byId.get('api_key')).toMatchObject({ field_type: 'secret', display_name: 'API Key' });
    expect(byId.get('use_managed_identity')).toMatchObject({
      field_type: 'boolean',
      default: 'false',
    });
    expect(byId.get('managed_identity_client_id')?.show_when).toEqual({
      use_managed_identity: 'true',
    });
    expect(byId.get('reasoning_effort')?.field_type).toBe('choice');
    for (const field of info.config_fields) expect(field.prompt.length).toBeGreaterThan(0);
  });
});

import { CONFIG_KEYS } from '@amplifier-azure-openai/config';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './config-schema.js';

describe('configJsonSchema', () => {
  it('describes every config key with a JSON type; secrets are writeOnly', () => {
    const schema = configJsonSchema() as { properties: Record<string, Record<string, unknown>> };
    expect(Object.keys(schema.properties)).toEqual(CONFIG_KEYS.map(info => info.key));
    expect(schema.properties.api_key).toMatchObject({ type: 'string', writeOnly: true });
    expect(schema.properties.deployment_mapping?.type).toBe('object');
    expect(schema.properties.native_tools?.type).toBe('array');
    expect(schema.properties.max_retries?.type).toBe('integer');
    expect(schema.properties.azure_endpoint?.['x-env']).toContain('AZURE_OPENAI_ENDPOINT');
  });
});

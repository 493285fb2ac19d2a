import { CONFIG_KEYS } from '@amplifier-azure-openai/config';

const JSON_TYPES: Readonly<Record<string, string>> = {
  url: 'string',
  string: 'string',
  secret: 'string',
  choice: 'string',
  boolean: 'boolean',
  number: 'number',
  integer: 'integer',
  mapping: 'object',
};

/**
 * JSON Schema of the provider configuration (for `ModuleInfo.config_schema_json`), built from the
 * config package's key metadata. Secrets are marked `writeOnly`. Environment variables that can
 * supply a value are listed under `x-env`.
 */
export function configJsonSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const info of CONFIG_KEYS) {
    const property: Record<string, unknown> = {
      // A mapping key whose default is a list (native_tools) holds a list.
      type: Array.isArray(info.default) ? 'array' : (JSON_TYPES[info.type] ?? 'string'),
      description: info.description,
    };
    if (info.choices !== undefined) property.enum = [...info.choices];
    if (info.default !== undefined && typeof info.default !== 'object')
      property.default = info.default;
    if (info.secret) property.writeOnly = true;
    if (info.envVars.length > 0) property['x-env'] = [...info.envVars];
    properties[info.key] = property;
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Azure OpenAI provider configuration',
    type: 'object',
    properties,
  };
}

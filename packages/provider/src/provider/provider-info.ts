import { CONFIG_KEYS, type ConfigKeyInfo } from '@amplifier-azure-openai/config/keys';
import type { ConfigField, ConfigFieldType, ProviderInfo } from '../types.js';

/** The provider's Amplifier id. */
export const PROVIDER_ID = 'azure-openai';
/** The provider's display name. */
export const PROVIDER_DISPLAY_NAME = 'Azure OpenAI';

/** The config keys asked for in interactive setup, in order (the rest keep their defaults). */
const SETUP_KEYS: readonly string[] = [
  'azure_endpoint',
  'api_key',
  'use_managed_identity',
  'managed_identity_client_id',
  'use_default_credential',
  'azure_ad_token',
  'api_version',
  'default_model',
  'default_deployment',
  'reasoning_effort',
  'use_streaming',
  'prompt_cache_key',
  'prompt_cache_retention',
  'apim_subscription_key',
];

/** Fields shown only when another field has a value. */
const SHOW_WHEN: Readonly<Record<string, Record<string, string>>> = {
  managed_identity_client_id: { use_managed_identity: 'true' },
};

/** The defaults the provider reports (from the resolved config). */
export interface ProviderDefaults {
  model: string;
  max_tokens: number;
  temperature: number;
  timeout: number;
  max_retries: number;
  store: boolean;
  api_surface: string;
  [key: string]: unknown;
}

/**
 * Amplifier `ProviderInfo` for this provider: credential env vars and the interactive-setup
 * `config_fields` come from the config package's `CONFIG_KEYS`.
 */
export function buildProviderInfo(defaults: ProviderDefaults): ProviderInfo {
  return {
    id: PROVIDER_ID,
    display_name: PROVIDER_DISPLAY_NAME,
    credential_env_vars: CONFIG_KEYS.filter(info => info.secret).flatMap(info => [...info.envVars]),
    capabilities: ['tools', 'streaming', 'thinking', 'vision', 'json_mode'],
    defaults: { ...defaults },
    config_fields: SETUP_KEYS.flatMap(key => {
      const info = CONFIG_KEYS.find(candidate => candidate.key === key);
      return info === undefined ? [] : [toConfigField(info)];
    }),
  };
}

/** One `CONFIG_KEYS` entry as an Amplifier `ConfigField`. */
export function toConfigField(info: ConfigKeyInfo): ConfigField {
  const field: ConfigField = {
    id: info.key,
    display_name: displayName(info.key),
    field_type: fieldType(info),
    prompt: info.description,
    required: info.required,
    requires_model: false,
  };
  const envVar = info.envVars[0];
  if (envVar !== undefined) field.env_var = envVar;
  if (info.choices !== undefined) field.choices = [...info.choices];
  if (
    typeof info.default === 'string' ||
    typeof info.default === 'number' ||
    typeof info.default === 'boolean'
  ) {
    field.default = String(info.default);
  }
  const showWhen = SHOW_WHEN[info.key];
  if (showWhen !== undefined && Object.keys(showWhen).length > 0) field.show_when = { ...showWhen };
  return field;
}

function fieldType(info: ConfigKeyInfo): ConfigFieldType {
  if (info.secret || info.type === 'secret') return 'secret';
  if (info.type === 'boolean') return 'boolean';
  if (info.type === 'choice') return 'choice';
  return 'text';
}

function displayName(key: string): string {
  const words = key.split('_').map(word => {
    if (word === 'api') return 'API';
    if (word === 'ad') return 'AD';
    if (word === 'id') return 'ID';
    return word.charAt(0).toUpperCase() + word.slice(1);
  });
  return words.join(' ');
}

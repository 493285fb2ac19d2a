import { CONFIG_KEYS, jsonTextDepth, MAX_JSON_DEPTH } from '@amplifier-azure-openai/config';
import { ProtoConversionError } from './proto-conversion-error.js';

/** Key of a `MountRequest.config` entry holding the whole configuration as one JSON object. */
export const CONFIG_JSON_KEY = 'config_json';

const KEY_TYPES: ReadonlyMap<string, string> = new Map(
  CONFIG_KEYS.flatMap(info => [info.key, ...info.aliases].map(key => [key, info.type] as const)),
);

function parseJson(text: string, field: string): unknown {
  if (jsonTextDepth(text) > MAX_JSON_DEPTH) {
    throw new ProtoConversionError({
      field,
      message: `nests objects/arrays more than ${MAX_JSON_DEPTH} levels deep; flatten it.`,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ProtoConversionError({
      field,
      message: `is not valid JSON (${(cause as Error).message}); structured values are sent as JSON.`,
      cause,
    });
  }
}

function convertValue(key: string, text: string): unknown {
  const field = `config.${key}`;
  switch (KEY_TYPES.get(key)) {
    case 'string':
    case 'url':
    case 'secret':
    case 'choice':
      return text;
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      return text; // resolveConfig reports the invalid value with its fix
    case 'number':
    case 'integer': {
      const number = Number(text);
      return text.trim() !== '' && Number.isFinite(number) ? number : text;
    }
    case 'mapping':
      return parseJson(text, field);
    default: {
      // Unknown key: decode obvious JSON, keep the rest as text (resolveConfig warns about it).
      const trimmed = text.trim();
      if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJson(text, field);
      if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
      return text;
    }
  }
}

/**
 * Turns the kernel's `MountRequest.config` (`map<string, string>`) into the snake_case config
 * object `resolveConfig` takes. Values are typed by the config key they belong to (booleans,
 * numbers, JSON for `deployment_mapping`/`deployment_models`); strings and secrets stay text. A
 * `config_json` entry, when present, is the whole configuration as one JSON object, and other
 * entries override its keys.
 *
 * @throws {@link ProtoConversionError} naming the entry when a structured value is not valid JSON.
 */
export function mountConfigToNative(
  config: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const whole = config[CONFIG_JSON_KEY];
  if (whole !== undefined && whole.trim() !== '') {
    const parsed = parseJson(whole, `config.${CONFIG_JSON_KEY}`);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ProtoConversionError({
        field: `config.${CONFIG_JSON_KEY}`,
        message: 'must be a JSON object of configuration keys.',
      });
    }
    Object.assign(result, parsed);
  }
  for (const [key, value] of Object.entries(config)) {
    if (key === CONFIG_JSON_KEY) continue;
    result[key] = convertValue(key, value);
  }
  return result;
}

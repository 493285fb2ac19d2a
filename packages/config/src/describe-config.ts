import { CONFIG_KEYS } from './config-keys.js';
import { REDACTED, Secret } from './secret.js';
import type { ConfigDescriptionRow, ResolvedConfig } from './types.js';

/**
 * Lists every configuration key with its value as text and where it came from, for a `config`
 * command or a doctor report. Secrets print `[REDACTED]`; unset values print `(unset)`. Two derived
 * rows follow: `api_surface` and `base_url`.
 *
 * @example
 * ```ts
 * for (const row of describeConfig(resolveConfig(input, process.env))) {
 *   console.log(`${row.key} = ${row.value} (${row.source})`);
 * }
 * ```
 */
export function describeConfig(resolved: ResolvedConfig): ConfigDescriptionRow[] {
  const { config, sources } = resolved;
  const rows: ConfigDescriptionRow[] = CONFIG_KEYS.map(info => ({
    key: info.key,
    value: formatValue(config[info.property], info.secret),
    source: sources[info.property],
  }));
  rows.push(
    { key: 'api_surface', value: config.apiSurface, source: sources.apiSurface },
    { key: 'base_url', value: config.baseUrl, source: sources.baseUrl },
  );
  return rows;
}

function formatValue(value: unknown, secret: boolean): string {
  if (value === undefined) return '(unset)';
  if (secret || Secret.isInstance(value)) return REDACTED;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

import { CONFIG_KEYS } from './config-keys.js';
import type { ConfigKeyInfo } from './types.js';

function typeLabel(info: ConfigKeyInfo): string {
  if (info.type === 'choice' && info.choices)
    return info.choices.map(choice => `\`${choice}\``).join(' \\| ');
  if (info.type === 'integer') return 'integer';
  return info.type;
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/**
 * Renders {@link CONFIG_KEYS} as a Markdown table (key, environment variables, default, type,
 * description), for READMEs and documentation. The package README embeds exactly this output.
 */
export function formatConfigReference(): string {
  const header = [
    '| key | environment variables (first set wins) | default | type | description |',
    '|---|---|---|---|---|',
  ];
  const rows = CONFIG_KEYS.map(info => {
    const aliases = info.aliases.map(name => `\`${name}\``).join(', ');
    const key = `\`${info.key}\`${aliases === '' ? '' : ` (alias ${aliases})`}`;
    const env = info.envVars.length > 0 ? info.envVars.map(name => `\`${name}\``).join(', ') : '-';
    const cells = [
      key,
      env,
      info.required ? '**required**' : escapeCell(info.defaultDescription),
      info.secret ? 'secret (redacted)' : typeLabel(info),
      escapeCell(info.description),
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [...header, ...rows].join('\n');
}

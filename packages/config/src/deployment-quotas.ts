import { describeValue, isPlainObject, parseTableText } from './parse-values.js';
import type { ConfigProblem, DeploymentQuotaConfig } from './types.js';

const FIX =
  'Write it as [deployment_quotas] "my-deployment" = { tpm = 30000, rpm = 180 } (TOML): numbers > 0; window_seconds (default 60) only for emulators with a shorter window.';
const FIELDS = new Set(['tpm', 'rpm', 'window_seconds']);

/**
 * Normalizes `deployment_quotas`: deployment name -> `{ tpm?, rpm?, window_seconds? }` (at least
 * one of tpm and rpm; numbers > 0). A JSON string holding the table is accepted too. Bad entries
 * become problems keyed `deployment_quotas.<deployment>[.<field>]`.
 */
export function normalizeDeploymentQuotas(raw: unknown): {
  value: Readonly<Record<string, DeploymentQuotaConfig>>;
  problems: ConfigProblem[];
} {
  const problems: ConfigProblem[] = [];
  const push = (key: string, message: string) =>
    problems.push({ key, source: 'config', code: 'invalid', message, fix: FIX });
  const table = parseTableText(raw);
  if (!isPlainObject(table)) {
    push(
      'deployment_quotas',
      `deployment_quotas must be a table of deployment name -> { tpm, rpm }; got ${describeValue(table)}.`,
    );
    return { value: Object.freeze({}), problems };
  }
  const entries: Array<[string, DeploymentQuotaConfig]> = [];
  for (const [rawName, value] of Object.entries(table)) {
    const name = rawName.trim();
    const key = `deployment_quotas.${rawName}`;
    if (name === '' || !isPlainObject(value)) {
      push(
        key,
        name === ''
          ? 'deployment_quotas has an empty deployment name.'
          : `${key} must be a table { tpm, rpm }; got ${describeValue(value)}.`,
      );
      continue;
    }
    let valid = true;
    const numbers: Record<string, number> = {};
    for (const [field, fieldValue] of Object.entries(value)) {
      if (!FIELDS.has(field)) {
        valid = false;
        push(key, `${key} has an unknown field "${field}" (known: tpm, rpm, window_seconds).`);
        continue;
      }
      if (typeof fieldValue !== 'number' || !Number.isFinite(fieldValue) || fieldValue <= 0) {
        valid = false;
        push(
          `${key}.${field}`,
          `${key}.${field} must be a number > 0; got ${describeValue(fieldValue)}.`,
        );
        continue;
      }
      numbers[field] = fieldValue;
    }
    if (valid && numbers.tpm === undefined && numbers.rpm === undefined) {
      valid = false;
      push(key, `${key} names neither tpm nor rpm.`);
    }
    if (!valid) continue;
    entries.push([
      name,
      Object.freeze({
        ...(numbers.tpm === undefined ? {} : { tpm: numbers.tpm }),
        ...(numbers.rpm === undefined ? {} : { rpm: numbers.rpm }),
        ...(numbers.window_seconds === undefined ? {} : { windowSeconds: numbers.window_seconds }),
      }),
    ]);
  }
  return { value: Object.freeze(Object.fromEntries(entries)), problems };
}

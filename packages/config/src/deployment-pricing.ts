import { describeValue, isPlainObject, parseTableText } from './parse-values.js';
import type { ConfigProblem, DeploymentPricingConfig, DeploymentType } from './types.js';

const FIX =
  'Write it as [deployment_pricing] "my-deployment" = { input = 2.5, cached_input = 1.25, output = 10 } (USD per million tokens, numbers >= 0), or "my-ptu" = { deployment_type = "PTU" }.';
const PRICE_FIELDS: Readonly<Record<string, keyof DeploymentPricingConfig>> = {
  input: 'inputPerMillion',
  cached_input: 'cachedInputPerMillion',
  output: 'outputPerMillion',
};
const KNOWN = 'deployment_type, input, cached_input, output';

/** Parses a `deployment_type` value (`PAYG` or `PTU`, any case); undefined when it is neither. */
export function parseDeploymentType(value: unknown): DeploymentType | undefined {
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toUpperCase();
  return word === 'PAYG' || word === 'PTU' ? word : undefined;
}

/**
 * Normalizes `deployment_pricing`: deployment name -> `{ deployment_type?, input?, cached_input?,
 * output? }` (USD per million tokens). Prices, when given, need `input` and `output`
 * (`cached_input` defaults to `input`). A JSON string holding the table is accepted too. Bad
 * entries become problems keyed `deployment_pricing.<deployment>[.<field>]`.
 */
export function normalizeDeploymentPricing(raw: unknown): {
  value: Readonly<Record<string, DeploymentPricingConfig>>;
  problems: ConfigProblem[];
} {
  const problems: ConfigProblem[] = [];
  const push = (key: string, message: string) =>
    problems.push({ key, source: 'config', code: 'invalid', message, fix: FIX });
  const table = parseTableText(raw);
  if (!isPlainObject(table)) {
    push(
      'deployment_pricing',
      `deployment_pricing must be a table of deployment name -> { input, cached_input, output } or { deployment_type }; got ${describeValue(table)}.`,
    );
    return { value: Object.freeze({}), problems };
  }
  const entries: Array<[string, DeploymentPricingConfig]> = [];
  for (const [rawName, value] of Object.entries(table)) {
    const name = rawName.trim();
    const key = `deployment_pricing.${rawName}`;
    if (name === '' || !isPlainObject(value)) {
      push(
        key,
        name === ''
          ? 'deployment_pricing has an empty deployment name.'
          : `${key} must be a table { input, cached_input, output } or { deployment_type }; got ${describeValue(value)}.`,
      );
      continue;
    }
    let valid = true;
    const entry: { -readonly [K in keyof DeploymentPricingConfig]: DeploymentPricingConfig[K] } =
      {};
    for (const [field, fieldValue] of Object.entries(value)) {
      if (field === 'deployment_type') {
        const type = parseDeploymentType(fieldValue);
        if (type === undefined) {
          valid = false;
          push(
            `${key}.deployment_type`,
            `${key}.deployment_type must be "PAYG" or "PTU"; got ${describeValue(fieldValue)}.`,
          );
        } else entry.deploymentType = type;
        continue;
      }
      const property = PRICE_FIELDS[field];
      if (property === undefined) {
        valid = false;
        push(key, `${key} has an unknown field "${field}" (known: ${KNOWN}).`);
        continue;
      }
      if (typeof fieldValue !== 'number' || !Number.isFinite(fieldValue) || fieldValue < 0) {
        valid = false;
        push(
          `${key}.${field}`,
          `${key}.${field} must be a price in USD per million tokens (a number >= 0); got ${describeValue(fieldValue)}.`,
        );
        continue;
      }
      (entry as Record<string, unknown>)[property] = fieldValue;
    }
    const hasPrice =
      entry.inputPerMillion !== undefined ||
      entry.outputPerMillion !== undefined ||
      entry.cachedInputPerMillion !== undefined;
    if (
      valid &&
      hasPrice &&
      (entry.inputPerMillion === undefined || entry.outputPerMillion === undefined)
    ) {
      valid = false;
      push(key, `${key} gives prices without both input and output.`);
    }
    if (valid && !hasPrice && entry.deploymentType === undefined) {
      valid = false;
      push(key, `${key} names neither prices nor deployment_type.`);
    }
    if (!valid) continue;
    entries.push([name, Object.freeze(entry)]);
  }
  return { value: Object.freeze(Object.fromEntries(entries)), problems };
}

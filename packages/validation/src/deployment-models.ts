import { escapeControlCharacters, findControlCharacter } from './control-characters.js';
import type { NormalizedTable } from './deployment-mapping.js';
import { checkDeploymentName } from './deployment-name.js';
import { describeKind } from './describe-kind.js';
import { isPlainObject } from './is-plain-object.js';
import type { ValidationProblem } from './validation-problem.js';

const KEY = 'deployment_models';

/**
 * Validates and normalizes `deployment_models` (deployment name -> model family, for deployments
 * whose name hides the model, e.g. `{ "my-prod": "gpt-5" }`). Names and families are trimmed;
 * every deployment name must pass {@link checkDeploymentName}, a name given twice once trimmed is
 * refused, and a family must be a non-empty string without control characters. `undefined` and
 * `null` mean "none". Text is not parsed: a JSON string is the caller's concern.
 */
export function normalizeDeploymentModels(raw: unknown): NormalizedTable<string> {
  const problems: ValidationProblem[] = [];
  if (raw === undefined || raw === null) return { value: Object.freeze({}), problems };
  if (!isPlainObject(raw)) {
    problems.push(
      Object.freeze({
        key: KEY,
        path: KEY,
        message: `${KEY} must be a table of deployment name -> model family; got ${describeKind(raw)}.`,
        fix: 'Write it as a table, e.g. [deployment_models] "my-prod" = "gpt-5" (TOML) or { "my-prod": "gpt-5" } (JSON).',
      }),
    );
    return { value: Object.freeze({}), problems };
  }
  const entries = new Map<string, string>();
  const seen = new Set<string>();
  for (const [rawDeployment, value] of Object.entries(raw)) {
    const trimmed = rawDeployment.trim();
    const key = trimmed === '' ? KEY : `${KEY}.${escapeControlCharacters(trimmed)}`;
    const add = (message: string, fix: string) =>
      problems.push(Object.freeze({ key, path: key, message, fix }));
    const name = checkDeploymentName(rawDeployment, trimmed === '' ? `A ${KEY} entry` : key);
    if (!name.ok) {
      add(name.message, name.fix);
      continue;
    }
    if (seen.has(name.deployment)) {
      add(
        `${KEY} names the deployment "${name.deployment}" twice (names are trimmed).`,
        `Keep one ${KEY} entry for "${name.deployment}".`,
      );
      entries.delete(name.deployment);
      continue;
    }
    seen.add(name.deployment);
    const family = typeof value === 'string' ? value.trim() : '';
    if (family === '') {
      add(
        `${key} must be a model family name such as "gpt-5"; got ${describeKind(value)}.`,
        `Set it to the model the deployment runs, e.g. "${name.deployment}" = "gpt-5", or remove the entry.`,
      );
      continue;
    }
    const control = findControlCharacter(family);
    if (control !== undefined) {
      add(
        `${key} (a model family) contains the control character ${control}.`,
        'Write the model family without line breaks or other control characters, e.g. "gpt-5".',
      );
      continue;
    }
    entries.set(name.deployment, family);
  }
  return { value: Object.freeze(Object.fromEntries(entries)), problems };
}

/**
 * Validates `default_deployment`: `undefined`, `null` and blank text mean "unset" (`undefined`);
 * other text must pass {@link checkDeploymentName}; anything else is a problem.
 *
 * @param name - how to call the value in messages. Default: `default_deployment`.
 */
export function normalizeDefaultDeployment(
  raw: unknown,
  name = 'default_deployment',
): { value: string | undefined; problems: readonly ValidationProblem[] } {
  if (raw === undefined || raw === null) return { value: undefined, problems: [] };
  const key = 'default_deployment';
  if (typeof raw !== 'string') {
    return {
      value: undefined,
      problems: [
        Object.freeze({
          key,
          path: key,
          message: `${name} must be a deployment name; got ${describeKind(raw)}.`,
          fix: 'Set default_deployment to the name of an Azure deployment, e.g. "my-gpt5-deployment", or leave it out.',
        }),
      ],
    };
  }
  if (raw.trim() === '') return { value: undefined, problems: [] };
  const result = checkDeploymentName(raw, name);
  if (result.ok) return { value: result.deployment, problems: [] };
  return {
    value: undefined,
    problems: [Object.freeze({ key, path: key, message: result.message, fix: result.fix })],
  };
}

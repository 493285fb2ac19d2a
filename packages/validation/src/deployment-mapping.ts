import { escapeControlCharacters, findControlCharacter } from './control-characters.js';
import { checkDeploymentName } from './deployment-name.js';
import { describeKind } from './describe-kind.js';
import { isPlainObject } from './is-plain-object.js';
import { normalizeEndpoint } from './normalize-endpoint.js';
import type { ValidationProblem } from './validation-problem.js';

/** One Azure OpenAI deployment a request can be sent to. */
export interface DeploymentTarget {
  /** The deployment name (trimmed, checked by {@link checkDeploymentName}). */
  readonly deployment: string;
  /** Another resource's endpoint, normalized by {@link normalizeEndpoint}; absent: the provider's own. */
  readonly endpoint?: string;
}

/** The outcome of normalizing a table: the good entries (frozen) and a problem per bad one. */
export interface NormalizedTable<T> {
  /** The valid entries; an entry with any problem is left out. */
  readonly value: Readonly<Record<string, T>>;
  /** Every problem, in input order. Empty when the input is valid. */
  readonly problems: readonly ValidationProblem[];
}

const KEY = 'deployment_mapping';
const SHAPE_HELP =
  'a deployment name ("my-deployment"), a list of names in failover order (["primary", "backup"]), a table { deployment = "name", endpoint = "https://other-region.openai.azure.com" }, or a list mixing names and tables';
const ENDPOINT_FIX =
  'Set endpoint to another Azure OpenAI resource URL, e.g. "https://my-resource-westus.openai.azure.com", or leave it out to use azure_endpoint.';
const TARGET_FIELDS = new Set(['deployment', 'endpoint']);

function problem(key: string, path: string, message: string, fix: string): ValidationProblem {
  return Object.freeze({ key, path, message, fix });
}

/**
 * Validates and normalizes `deployment_mapping` (model name -> deployment(s)). Each value is a
 * deployment name, a `{ deployment, endpoint? }` table, or a non-empty list of either in failover
 * order; the result maps every model to a frozen list of {@link DeploymentTarget}s.
 *
 * Refused, each with a problem: a value that is not a table; an empty model name or one with a
 * control character; a model named twice once names are trimmed; an empty list; a deployment name
 * that breaks {@link checkDeploymentName}; unknown fields; an endpoint that breaks
 * {@link normalizeEndpoint}; the same deployment (at the same endpoint) twice in one list.
 * `undefined` and `null` mean "no mapping".
 *
 * Text is not parsed: a JSON string is the caller's concern (parse it first).
 *
 * @example normalizeDeploymentMapping({ 'gpt-5': ['a', { deployment: 'b', endpoint: 'https://w.openai.azure.com/openai/v1' }] }).value
 * // { 'gpt-5': [{ deployment: 'a' }, { deployment: 'b', endpoint: 'https://w.openai.azure.com' }] }
 */
export function normalizeDeploymentMapping(
  raw: unknown,
): NormalizedTable<readonly DeploymentTarget[]> {
  const problems: ValidationProblem[] = [];
  if (raw === undefined || raw === null) return { value: Object.freeze({}), problems };
  if (!isPlainObject(raw)) {
    problems.push(
      problem(
        KEY,
        KEY,
        `${KEY} must be a table of model name -> deployment(s); got ${describeKind(raw)}.`,
        `Write it as a table, e.g. [deployment_mapping] "gpt-5" = "my-gpt5-deployment" (TOML) or { "gpt-5": "my-gpt5-deployment" } (JSON); each value is ${SHAPE_HELP}.`,
      ),
    );
    return { value: Object.freeze({}), problems };
  }
  const entries = new Map<string, readonly DeploymentTarget[]>();
  const seen = new Set<string>();
  for (const [rawModel, value] of Object.entries(raw)) {
    const model = rawModel.trim();
    const key = `${KEY}.${escapeControlCharacters(model)}`;
    if (model === '') {
      problems.push(
        problem(
          KEY,
          KEY,
          `${KEY} has an entry with an empty model name.`,
          'Name the model each entry is for, e.g. "gpt-5" = "my-gpt5-deployment", or remove the entry.',
        ),
      );
      continue;
    }
    const control = findControlCharacter(model);
    if (control !== undefined) {
      problems.push(
        problem(
          key,
          key,
          `${key} (a model name) contains the control character ${control}; model names cannot hold control characters.`,
          'Write the model name without line breaks or other control characters.',
        ),
      );
      continue;
    }
    if (seen.has(model)) {
      problems.push(
        problem(
          key,
          key,
          `${KEY} names the model "${model}" twice (names are trimmed).`,
          `Keep one ${KEY} entry for "${model}".`,
        ),
      );
      entries.delete(model);
      continue;
    }
    seen.add(model);
    const targets = normalizeTargets(value, key, model, problems);
    if (targets !== undefined) entries.set(model, targets);
  }
  return { value: Object.freeze(Object.fromEntries(entries)), problems };
}

function normalizeTargets(
  value: unknown,
  key: string,
  model: string,
  problems: ValidationProblem[],
): readonly DeploymentTarget[] | undefined {
  if (!Array.isArray(value)) {
    const target = normalizeTarget(value, key, key, problems);
    return target === undefined ? undefined : Object.freeze([target]);
  }
  if (value.length === 0) {
    problems.push(
      problem(
        key,
        key,
        `${key} is an empty list: there is no deployment to send the model to.`,
        `List at least one deployment, e.g. "${model}" = ["primary", "backup"], or remove the entry.`,
      ),
    );
    return undefined;
  }
  const targets: DeploymentTarget[] = [];
  const identities = new Set<string>();
  let valid = true;
  value.forEach((item: unknown, index) => {
    const path = `${key}[${index}]`;
    const target = normalizeTarget(item, key, path, problems);
    if (target === undefined) {
      valid = false;
      return;
    }
    const identity = `${target.endpoint ?? ''}\u0000${target.deployment}`;
    if (identities.has(identity)) {
      valid = false;
      problems.push(
        problem(
          key,
          path,
          `${path} repeats the deployment "${target.deployment}"${target.endpoint === undefined ? '' : ` at ${target.endpoint}`}.`,
          'List each deployment (per endpoint) once; the list is the failover order.',
        ),
      );
      return;
    }
    identities.add(identity);
    targets.push(target);
  });
  return valid ? Object.freeze(targets) : undefined;
}

function normalizeTarget(
  item: unknown,
  key: string,
  path: string,
  problems: ValidationProblem[],
): DeploymentTarget | undefined {
  if (typeof item === 'string') {
    const name = checkDeploymentName(item, path);
    if (name.ok) return Object.freeze({ deployment: name.deployment });
    problems.push(problem(key, path, name.message, name.fix));
    return undefined;
  }
  if (!isPlainObject(item)) {
    problems.push(
      problem(
        key,
        path,
        `${path} must be a deployment name or a { deployment, endpoint } table; got ${describeKind(item)}.`,
        `Use ${SHAPE_HELP}.`,
      ),
    );
    return undefined;
  }
  let valid = true;
  const extra = Object.keys(item).filter(field => !TARGET_FIELDS.has(field));
  if (extra.length > 0) {
    valid = false;
    problems.push(
      problem(
        key,
        path,
        `${path} has unknown field(s) ${extra.map(field => `\`${escapeControlCharacters(field)}\``).join(', ')}.`,
        'A deployment table holds only `deployment` and optionally `endpoint`; remove the others.',
      ),
    );
  }
  let deployment: string | undefined;
  if (typeof item.deployment === 'string') {
    const name = checkDeploymentName(item.deployment, `${path}.deployment`);
    if (name.ok) deployment = name.deployment;
    else {
      valid = false;
      problems.push(problem(key, `${path}.deployment`, name.message, name.fix));
    }
  } else {
    valid = false;
    problems.push(
      problem(
        key,
        `${path}.deployment`,
        `${path}.deployment must be a deployment name; got ${describeKind(item.deployment)}.`,
        'Write it as { deployment = "name", endpoint = "https://..." }.',
      ),
    );
  }
  let endpoint: string | undefined;
  const rawEndpoint = item.endpoint;
  const blank =
    rawEndpoint === undefined ||
    rawEndpoint === null ||
    (typeof rawEndpoint === 'string' && rawEndpoint.trim() === '');
  if (!blank) {
    const where = `${path}.endpoint`;
    if (typeof rawEndpoint !== 'string') {
      valid = false;
      problems.push(
        problem(
          key,
          where,
          `${where} must be a URL string; got ${describeKind(rawEndpoint)}.`,
          ENDPOINT_FIX,
        ),
      );
    } else {
      const result = normalizeEndpoint(rawEndpoint, where);
      if (result.ok) endpoint = result.endpoint;
      else {
        valid = false;
        problems.push(problem(key, where, result.message, result.fix));
      }
    }
  }
  if (!valid || deployment === undefined) return undefined;
  return Object.freeze(endpoint === undefined ? { deployment } : { deployment, endpoint });
}

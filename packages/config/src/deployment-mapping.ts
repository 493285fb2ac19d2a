import { escapeControlCharacters, findControlCharacter } from './control-characters.js';
import { normalizeEndpoint } from './normalize-endpoint.js';
import { describeValue, isPlainObject, parseTableText } from './parse-values.js';
import { typeOfValue } from './secret.js';
import type { ConfigProblem, ConfigWarning, DeploymentTarget } from './types.js';

/** The outcome of normalizing `deployment_mapping` or `deployment_models`. */
export interface MappingResult<T> {
  value: T;
  problems: ConfigProblem[];
  warnings: ConfigWarning[];
}

const SHAPE_HELP =
  'a deployment name ("my-deployment"), a list of names in failover order (["primary", "backup"]), a table { deployment = "name", endpoint = "https://other-region.openai.azure.com" }, or a list mixing names and tables';

function problem(key: string, message: string, fix: string): ConfigProblem {
  return { key, source: 'config', code: 'invalid', message, fix };
}

/** A problem when `text` (a model or deployment name) holds a control character, else undefined. */
function controlProblem(key: string, what: string, text: string): ConfigProblem | undefined {
  const control = findControlCharacter(text);
  if (control === undefined) return undefined;
  return problem(
    key,
    `${what} contains the control character ${control}; model and deployment names cannot hold control characters.`,
    'Write the name without line breaks or other control characters.',
  );
}

/**
 * Normalizes `deployment_mapping`: each model maps to a non-empty list of
 * {@link DeploymentTarget}s. Bad entries become problems keyed `deployment_mapping.<model>`.
 * A JSON string holding the table is accepted too.
 */
export function normalizeDeploymentMapping(
  raw: unknown,
): MappingResult<Readonly<Record<string, readonly DeploymentTarget[]>>> {
  const problems: ConfigProblem[] = [];
  const warnings: ConfigWarning[] = [];
  const table = parseTableText(raw);
  if (!isPlainObject(table)) {
    problems.push(
      problem(
        'deployment_mapping',
        `deployment_mapping must be a table of model name -> deployment; got ${describeValue(table)}.`,
        `Write it as a table, e.g. [providers.config.deployment_mapping] with "gpt-5" = "my-gpt5-deployment"; each value is ${SHAPE_HELP}.`,
      ),
    );
    return { value: Object.freeze({}), problems, warnings };
  }
  const entries: Array<[string, readonly DeploymentTarget[]]> = [];
  for (const [rawModel, value] of Object.entries(table)) {
    const model = rawModel.trim();
    const key = `deployment_mapping.${escapeControlCharacters(rawModel)}`;
    const badName = controlProblem(key, `The model name ${JSON.stringify(rawModel)}`, model);
    if (badName !== undefined) {
      problems.push(badName);
      continue;
    }
    if (model === '') {
      problems.push(
        problem(
          key,
          'deployment_mapping has an empty model name.',
          'Name the model, e.g. "gpt-5".',
        ),
      );
      continue;
    }
    const targets = normalizeTargets(value, key, problems);
    if (targets) entries.push([model, targets]);
  }
  return { value: Object.freeze(Object.fromEntries(entries)), problems, warnings };
}

function normalizeTargets(
  value: unknown,
  key: string,
  problems: ConfigProblem[],
): readonly DeploymentTarget[] | undefined {
  const items = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) {
    problems.push(
      problem(key, `${key} is an empty list.`, `Give at least one deployment: ${SHAPE_HELP}.`),
    );
    return undefined;
  }
  const targets: DeploymentTarget[] = [];
  let failed = false;
  items.forEach((item, index) => {
    const where = Array.isArray(value) ? `${key}[${index}]` : key;
    const target = normalizeTarget(item, where, key, problems);
    if (target) targets.push(target);
    else failed = true;
  });
  return failed ? undefined : Object.freeze(targets);
}

function normalizeTarget(
  item: unknown,
  where: string,
  key: string,
  problems: ConfigProblem[],
): DeploymentTarget | undefined {
  if (typeof item === 'string') {
    const deployment = item.trim();
    if (deployment === '') {
      problems.push(
        problem(key, `${where} is an empty deployment name.`, `Give the Azure deployment name.`),
      );
      return undefined;
    }
    const bad = controlProblem(key, `${where} (a deployment name)`, deployment);
    if (bad !== undefined) {
      problems.push(bad);
      return undefined;
    }
    return Object.freeze({ deployment });
  }
  if (isPlainObject(item)) {
    let ok = true;
    const extra = Object.keys(item).filter(name => name !== 'deployment' && name !== 'endpoint');
    if (extra.length > 0) {
      problems.push(
        problem(
          key,
          `${where} has unknown field(s) ${extra.map(name => `\`${name}\``).join(', ')}.`,
          'A deployment table holds only `deployment` and optionally `endpoint`.',
        ),
      );
      ok = false;
    }
    const deployment = typeof item.deployment === 'string' ? item.deployment.trim() : '';
    if (deployment === '') {
      problems.push(
        problem(
          key,
          `${where} needs a non-empty \`deployment\` name (got ${item.deployment === undefined ? 'none' : describeValue(item.deployment)}).`,
          'Write it as { deployment = "name", endpoint = "https://..." }.',
        ),
      );
      ok = false;
    }
    const badDeployment = controlProblem(key, `${where}.deployment`, deployment);
    if (badDeployment !== undefined) {
      problems.push(badDeployment);
      ok = false;
    }
    let endpoint: string | undefined;
    const rawEndpoint = item.endpoint;
    if (
      rawEndpoint !== undefined &&
      rawEndpoint !== null &&
      !(typeof rawEndpoint === 'string' && rawEndpoint.trim() === '')
    ) {
      if (typeof rawEndpoint !== 'string') {
        problems.push(
          problem(
            key,
            `${where}.endpoint must be a URL string; got ${typeOfValue(rawEndpoint)}.`,
            'Use the other resource endpoint, e.g. "https://my-resource-eastus2.openai.azure.com".',
          ),
        );
        ok = false;
      } else {
        const result = normalizeEndpoint(rawEndpoint, `${where}.endpoint`);
        if (result.ok) endpoint = result.endpoint;
        else {
          problems.push(problem(key, result.message, result.fix));
          ok = false;
        }
      }
    }
    if (!ok) return undefined;
    return Object.freeze(endpoint === undefined ? { deployment } : { deployment, endpoint });
  }
  problems.push(
    problem(
      key,
      `${where} must be a deployment name or a { deployment, endpoint } table; got ${typeOfValue(item)}.`,
      `Use ${SHAPE_HELP}.`,
    ),
  );
  return undefined;
}

/**
 * Normalizes `deployment_models` (deployment name -> model family). Bad entries become problems
 * keyed `deployment_models.<deployment>`.
 */
export function normalizeDeploymentModels(
  raw: unknown,
): MappingResult<Readonly<Record<string, string>>> {
  const problems: ConfigProblem[] = [];
  const table = parseTableText(raw);
  if (!isPlainObject(table)) {
    problems.push(
      problem(
        'deployment_models',
        `deployment_models must be a table of deployment name -> model family; got ${describeValue(table)}.`,
        'Write it as a table, e.g. deployment_models = { "prod-chat" = "gpt-5" }.',
      ),
    );
    return { value: Object.freeze({}), problems, warnings: [] };
  }
  const entries: Array<[string, string]> = [];
  for (const [rawDeployment, value] of Object.entries(table)) {
    const deployment = rawDeployment.trim();
    const key = `deployment_models.${escapeControlCharacters(rawDeployment)}`;
    const family = typeof value === 'string' ? value.trim() : '';
    const badName =
      controlProblem(key, `The deployment name ${JSON.stringify(rawDeployment)}`, deployment) ??
      controlProblem(key, `${key} (a model family)`, family);
    if (badName !== undefined) {
      problems.push(badName);
      continue;
    }
    if (deployment === '' || family === '') {
      problems.push(
        problem(
          key,
          deployment === ''
            ? 'deployment_models has an empty deployment name.'
            : `${key} must be a non-empty model family name; got ${describeValue(value)}.`,
          'Map each deployment name to a model family, e.g. "prod-chat" = "gpt-5".',
        ),
      );
      continue;
    }
    entries.push([deployment, family]);
  }
  return { value: Object.freeze(Object.fromEntries(entries)), problems, warnings: [] };
}

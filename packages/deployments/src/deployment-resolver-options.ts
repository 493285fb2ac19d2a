import { type DeploymentConfigProblem, describeKind } from './deployment-errors.js';
import { type DeploymentTarget, normalizeEndpoint } from './deployment-target.js';
import type { Logger } from './logger.js';

/**
 * Options of `createDeploymentResolver`. Field names match `AzureOpenAIConfig` of
 * `@amplifier-azure-openai/config`, so `createDeploymentResolver(resolved.config)` works without
 * this package depending on `config`. Standalone users may pass raw values: they are validated here.
 */
export interface DeploymentResolverOptions {
  /**
   * `deployment_mapping`: model name -> deployment(s). Each value is a deployment name, a
   * `{ deployment, endpoint? }` object, or a non-empty list of either (tried in order on 429/5xx).
   * Default: no mapping.
   *
   * @example { 'gpt-5': 'production-gpt5', 'gpt-5-mini': ['fast-mini', { deployment: 'fast-mini', endpoint: 'https://westus.openai.azure.com' }] }
   */
  deploymentMapping?: Readonly<Record<string, unknown>> | undefined;
  /**
   * `default_deployment`: the deployment for models the mapping does not name. Blank = unset.
   * Default: unset (the model name is used as the deployment name).
   */
  defaultDeployment?: string | undefined;
  /**
   * `deployment_models`: deployment name -> model family, for deployments whose name hides the
   * model (`{ 'my-prod': 'gpt-5' }`). Default: none.
   */
  deploymentModels?: Readonly<Record<string, string>> | undefined;
  /**
   * `failover_retry_after_threshold_seconds`: when a 429 asks to wait longer than this, fail over
   * at once instead of retrying the same deployment. Default: 10.
   */
  failoverRetryAfterThresholdSeconds?: number | undefined;
  /**
   * `azure_endpoint`: the provider's own endpoint. Optional; when given, a target whose `endpoint`
   * equals it shares its cooldown with targets that name no endpoint.
   */
  azureEndpoint?: string | undefined;
  /** `max_tokens`: the default output limit reported in `listModels()` defaults. Default: 4096. */
  maxTokens?: number | undefined;
  /** `temperature`: the default reported for non-reasoning models in `listModels()`. Default: 0.7. */
  temperature?: number | undefined;
  /** Clock in milliseconds for cooldowns (tests inject a fake one). Default: `Date.now`. */
  now?: (() => number) | undefined;
  /** Receives debug lines such as `gpt-5 -> production-gpt5 (mapping)`. Default: silent. */
  logger?: Logger | undefined;
}

/** Validated, normalized options (internal). */
export interface ResolverSettings {
  mapping: ReadonlyMap<string, readonly DeploymentTarget[]>;
  defaultDeployment: string | undefined;
  deploymentModels: ReadonlyMap<string, string>;
  failoverRetryAfterThresholdSeconds: number;
  azureEndpoint: string | undefined;
  maxTokens: number;
  temperature: number;
}

const DEFAULT_THRESHOLD_SECONDS = 10;
const DEFAULT_MAX_TOKENS = 4096;
const DEFAULT_TEMPERATURE = 0.7;
const FORBIDDEN_IN_DEPLOYMENT = /[\s/?#\\%]/;
const TARGET_FIELDS = new Set(['deployment', 'endpoint']);

const MAPPING_SHAPE_FIX =
  'Use a deployment name, a list of names, or { deployment = "<name>", endpoint = "https://<resource>.openai.azure.com" } (TOML), e.g. "gpt-5" = "production-gpt5".';

/**
 * Validates and normalizes resolver options, collecting every problem (in the order the options
 * are read) rather than stopping at the first.
 */
export function normalizeResolverOptions(options: DeploymentResolverOptions): {
  settings: ResolverSettings;
  problems: DeploymentConfigProblem[];
} {
  const problems: DeploymentConfigProblem[] = [];
  const mapping = normalizeMapping(options.deploymentMapping, problems);
  const defaultDeployment = normalizeDefaultDeployment(options.defaultDeployment, problems);
  const deploymentModels = normalizeDeploymentModels(options.deploymentModels, problems);
  const failoverRetryAfterThresholdSeconds = normalizeNumber(
    options.failoverRetryAfterThresholdSeconds,
    {
      key: 'failover_retry_after_threshold_seconds',
      fallback: DEFAULT_THRESHOLD_SECONDS,
      minimum: 0,
      fix: 'Set failover_retry_after_threshold_seconds to a number of seconds >= 0 (default 10).',
    },
    problems,
  );
  const maxTokens = normalizeNumber(
    options.maxTokens,
    {
      key: 'max_tokens',
      fallback: DEFAULT_MAX_TOKENS,
      minimum: 1,
      fix: 'Set max_tokens to a positive whole number of tokens (default 4096).',
    },
    problems,
  );
  const temperature = normalizeNumber(
    options.temperature,
    {
      key: 'temperature',
      fallback: DEFAULT_TEMPERATURE,
      minimum: 0,
      fix: 'Set temperature to a number from 0 to 2 (default 0.7).',
    },
    problems,
  );
  let azureEndpoint: string | undefined;
  if (typeof options.azureEndpoint === 'string' && options.azureEndpoint.trim() !== '') {
    const result = normalizeEndpoint(options.azureEndpoint);
    if (result.ok) azureEndpoint = result.endpoint;
    else
      problems.push({
        key: 'azure_endpoint',
        message: `The endpoint ${result.reason}.`,
        fix: 'Set azure_endpoint to your resource URL, e.g. "https://my-resource.openai.azure.com".',
      });
  } else if (options.azureEndpoint !== undefined && typeof options.azureEndpoint !== 'string') {
    problems.push({
      key: 'azure_endpoint',
      message: `Must be a URL string, but is ${describeKind(options.azureEndpoint)}.`,
      fix: 'Set azure_endpoint to your resource URL, e.g. "https://my-resource.openai.azure.com".',
    });
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    problems.push({
      key: 'now',
      message: `Must be a function returning milliseconds, but is ${describeKind(options.now)}.`,
      fix: 'Pass now: () => Date.now() (or leave it out).',
    });
  }
  if (options.logger !== undefined && !isLogger(options.logger)) {
    problems.push({
      key: 'logger',
      message: 'Must have debug, info, warn and error functions.',
      fix: 'Pass an object with debug, info, warn and error methods (or leave it out).',
    });
  }
  return {
    settings: {
      mapping,
      defaultDeployment,
      deploymentModels,
      failoverRetryAfterThresholdSeconds,
      azureEndpoint,
      maxTokens,
      temperature,
    },
    problems,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isLogger(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const logger = value as Record<string, unknown>;
  return ['debug', 'info', 'warn', 'error'].every(level => typeof logger[level] === 'function');
}

function normalizeMapping(
  raw: unknown,
  problems: DeploymentConfigProblem[],
): Map<string, readonly DeploymentTarget[]> {
  const mapping = new Map<string, readonly DeploymentTarget[]>();
  if (raw === undefined || raw === null) return mapping;
  if (!isPlainObject(raw)) {
    problems.push({
      key: 'deployment_mapping',
      message: `Must be a table of model name -> deployment(s), but is ${describeKind(raw)}.`,
      fix: 'Write it as [deployment_mapping] "gpt-5" = "production-gpt5" (TOML) or { "gpt-5": "production-gpt5" } (JSON).',
    });
    return mapping;
  }
  for (const [rawModel, value] of Object.entries(raw)) {
    const model = rawModel.trim();
    const key = `deployment_mapping.${model === '' ? '""' : model}`;
    if (model === '') {
      problems.push({
        key: 'deployment_mapping',
        message: 'Has an entry with an empty model name.',
        fix: 'Name the model each entry is for, e.g. "gpt-5" = "production-gpt5", or remove the entry.',
      });
      continue;
    }
    if (mapping.has(model)) {
      problems.push({
        key,
        message: `The model "${model}" is mapped twice (names are trimmed).`,
        fix: `Keep one deployment_mapping entry for "${model}".`,
      });
      continue;
    }
    const targets = normalizeMappingValue(value, key, model, problems);
    if (targets !== undefined) mapping.set(model, Object.freeze(targets));
  }
  return mapping;
}

function normalizeMappingValue(
  value: unknown,
  key: string,
  model: string,
  problems: DeploymentConfigProblem[],
): DeploymentTarget[] | undefined {
  if (!Array.isArray(value)) {
    const target = normalizeTargetValue(value, key, model, undefined, problems);
    return target === undefined ? undefined : [target];
  }
  if (value.length === 0) {
    problems.push({
      key,
      message: 'Is an empty list: there is no deployment to send the model to.',
      fix: `List at least one deployment, e.g. "${model}" = ["production-gpt5", "backup-gpt5"], or remove the entry.`,
    });
    return undefined;
  }
  const targets: DeploymentTarget[] = [];
  const seen = new Set<string>();
  let valid = true;
  value.forEach((element: unknown, index) => {
    const target = normalizeTargetValue(element, key, model, index, problems);
    if (target === undefined) {
      valid = false;
      return;
    }
    const identity = `${target.endpoint ?? ''}\u0000${target.deployment}`;
    if (seen.has(identity)) {
      valid = false;
      problems.push({
        key,
        message: `Entry ${index + 1} repeats deployment "${target.deployment}"${target.endpoint === undefined ? '' : ` at ${target.endpoint}`}.`,
        fix: 'List each deployment (per endpoint) once; the list is the failover order.',
      });
      return;
    }
    seen.add(identity);
    targets.push(target);
  });
  return valid ? targets : undefined;
}

function normalizeTargetValue(
  value: unknown,
  key: string,
  model: string,
  index: number | undefined,
  problems: DeploymentConfigProblem[],
): DeploymentTarget | undefined {
  const where = index === undefined ? '' : `Entry ${index + 1}: `;
  if (typeof value === 'string') {
    const deployment = checkDeploymentName(value, key, model, where, problems);
    return deployment === undefined ? undefined : Object.freeze({ deployment });
  }
  if (!isPlainObject(value)) {
    problems.push({
      key,
      message: `${where}Must be a deployment name (string), a list, or a { deployment, endpoint } object, but is ${describeKind(value)}.`,
      fix: MAPPING_SHAPE_FIX,
    });
    return undefined;
  }
  let valid = true;
  for (const field of Object.keys(value)) {
    if (!TARGET_FIELDS.has(field)) {
      valid = false;
      problems.push({
        key,
        message: `${where}Unknown field "${field}".`,
        fix: `Only "deployment" and "endpoint" are allowed in a deployment target; remove "${field}".`,
      });
    }
  }
  let deployment: string | undefined;
  if (value.deployment === undefined || value.deployment === null) {
    valid = false;
    problems.push({
      key,
      message: `${where}The object has no "deployment".`,
      fix: `Add deployment = "<Azure deployment name>" to the entry, e.g. { deployment = "production-gpt5" }.`,
    });
  } else if (typeof value.deployment !== 'string') {
    valid = false;
    problems.push({
      key,
      message: `${where}"deployment" must be a string, but is ${describeKind(value.deployment)}.`,
      fix: 'Set deployment to the name of an Azure deployment, e.g. "production-gpt5".',
    });
  } else {
    deployment = checkDeploymentName(value.deployment, key, model, where, problems);
    if (deployment === undefined) valid = false;
  }
  let endpoint: string | undefined;
  const blankEndpoint =
    value.endpoint === null || (typeof value.endpoint === 'string' && value.endpoint.trim() === '');
  if (value.endpoint !== undefined && !blankEndpoint) {
    const endpointFix =
      'Set endpoint to an Azure OpenAI resource URL, e.g. "https://my-resource-westus.openai.azure.com", or leave it out to use azure_endpoint.';
    if (typeof value.endpoint !== 'string') {
      valid = false;
      problems.push({
        key,
        message: `${where}"endpoint" must be a URL string, but is ${describeKind(value.endpoint)}.`,
        fix: endpointFix,
      });
    } else {
      const result = normalizeEndpoint(value.endpoint);
      if (result.ok) endpoint = result.endpoint;
      else {
        valid = false;
        problems.push({
          key,
          message: `${where}"endpoint" ${result.reason}.`,
          fix: endpointFix,
        });
      }
    }
  }
  if (!valid || deployment === undefined) return undefined;
  return Object.freeze(endpoint === undefined ? { deployment } : { deployment, endpoint });
}

function checkDeploymentName(
  value: string,
  key: string,
  model: string,
  where: string,
  problems: DeploymentConfigProblem[],
): string | undefined {
  const deployment = value.trim();
  if (deployment === '') {
    problems.push({
      key,
      message: `${where}The deployment name is an empty string.`,
      fix: `Set it to the name of an Azure deployment, e.g. "${model}" = "production-gpt5", or remove the entry.`,
    });
    return undefined;
  }
  if (FORBIDDEN_IN_DEPLOYMENT.test(deployment)) {
    problems.push({
      key,
      message: `${where}The deployment name "${deployment}" contains whitespace or one of / ? # \\ %.`,
      fix: 'Use the deployment name exactly as shown in Azure AI Foundry (letters, digits, "-", "_", ".").',
    });
    return undefined;
  }
  return deployment;
}

function normalizeDefaultDeployment(
  value: unknown,
  problems: DeploymentConfigProblem[],
): string | undefined {
  if (value === undefined || value === null) return undefined;
  const fix =
    'Set default_deployment to the name of an Azure deployment, e.g. "production-gpt5", or leave it out.';
  if (typeof value !== 'string') {
    problems.push({
      key: 'default_deployment',
      message: `Must be a deployment name (string), but is ${describeKind(value)}.`,
      fix,
    });
    return undefined;
  }
  const deployment = value.trim();
  if (deployment === '') return undefined; // blank = unset, as everywhere in this project
  if (FORBIDDEN_IN_DEPLOYMENT.test(deployment)) {
    problems.push({
      key: 'default_deployment',
      message: `The deployment name "${deployment}" contains whitespace or one of / ? # \\ %.`,
      fix,
    });
    return undefined;
  }
  return deployment;
}

function normalizeDeploymentModels(
  raw: unknown,
  problems: DeploymentConfigProblem[],
): Map<string, string> {
  const models = new Map<string, string>();
  if (raw === undefined || raw === null) return models;
  if (!isPlainObject(raw)) {
    problems.push({
      key: 'deployment_models',
      message: `Must be a table of deployment name -> model family, but is ${describeKind(raw)}.`,
      fix: 'Write it as [deployment_models] "my-prod" = "gpt-5" (TOML) or { "my-prod": "gpt-5" } (JSON).',
    });
    return models;
  }
  for (const [rawDeployment, value] of Object.entries(raw)) {
    const deployment = rawDeployment.trim();
    if (deployment === '') {
      problems.push({
        key: 'deployment_models',
        message: 'Has an entry with an empty deployment name.',
        fix: 'Name the deployment each entry describes, e.g. "my-prod" = "gpt-5", or remove the entry.',
      });
      continue;
    }
    const key = `deployment_models.${deployment}`;
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push({
        key,
        message: `Must be a model family name such as "gpt-5", but is ${describeKind(value)}.`,
        fix: `Set it to the model the deployment runs, e.g. "${deployment}" = "gpt-5", or remove the entry.`,
      });
      continue;
    }
    models.set(deployment, value.trim());
  }
  return models;
}

function normalizeNumber(
  value: unknown,
  rule: { key: string; fallback: number; minimum: number; fix: string },
  problems: DeploymentConfigProblem[],
): number {
  if (value === undefined || value === null) return rule.fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < rule.minimum) {
    problems.push({
      key: rule.key,
      message: `Must be a finite number >= ${rule.minimum}, but is ${typeof value === 'number' ? String(value) : describeKind(value)}.`,
      fix: rule.fix,
    });
    return rule.fallback;
  }
  return value;
}

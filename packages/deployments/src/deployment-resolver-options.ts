import {
  normalizeDefaultDeployment as checkDefaultDeployment,
  normalizeDeploymentMapping as checkDeploymentMapping,
  normalizeDeploymentModels as checkDeploymentModels,
  normalizeEndpoint,
  type ValidationProblem,
} from '@amplifier-azure-openai/validation';
import { type DeploymentConfigProblem, describeKind } from './deployment-errors.js';
import type { DeploymentTarget } from './deployment-target.js';
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
    const result = normalizeEndpoint(options.azureEndpoint, '`azure_endpoint`');
    if (result.ok) azureEndpoint = result.endpoint;
    else problems.push({ key: 'azure_endpoint', message: result.message, fix: result.fix });
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

function isLogger(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const logger = value as Record<string, unknown>;
  return ['debug', 'info', 'warn', 'error'].every(level => typeof logger[level] === 'function');
}

/** A problem of `@amplifier-azure-openai/validation`, word for word. */
function toProblem(problem: ValidationProblem): DeploymentConfigProblem {
  return { key: problem.key, message: problem.message, fix: problem.fix };
}

function normalizeMapping(
  raw: unknown,
  problems: DeploymentConfigProblem[],
): Map<string, readonly DeploymentTarget[]> {
  const result = checkDeploymentMapping(raw);
  problems.push(...result.problems.map(toProblem));
  return new Map(Object.entries(result.value));
}

function normalizeDefaultDeployment(
  value: unknown,
  problems: DeploymentConfigProblem[],
): string | undefined {
  const result = checkDefaultDeployment(value);
  problems.push(...result.problems.map(toProblem));
  return result.value;
}

function normalizeDeploymentModels(
  raw: unknown,
  problems: DeploymentConfigProblem[],
): Map<string, string> {
  const result = checkDeploymentModels(raw);
  problems.push(...result.problems.map(toProblem));
  return new Map(Object.entries(result.value));
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

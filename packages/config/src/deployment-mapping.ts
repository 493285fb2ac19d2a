import {
  normalizeDeploymentMapping as checkDeploymentMapping,
  normalizeDeploymentModels as checkDeploymentModels,
  type ValidationProblem,
} from '@amplifier-azure-openai/validation';
import { parseTableText } from './parse-values.js';
import type { ConfigProblem, ConfigWarning, DeploymentTarget } from './types.js';

/** The outcome of normalizing `deployment_mapping` or `deployment_models`. */
export interface MappingResult<T> {
  value: T;
  problems: ConfigProblem[];
  warnings: ConfigWarning[];
}

/** A problem of `@amplifier-azure-openai/validation` as a config problem, word for word. */
export function toConfigProblem(problem: ValidationProblem): ConfigProblem {
  return {
    key: problem.key,
    source: 'config',
    code: 'invalid',
    message: problem.message,
    fix: problem.fix,
  };
}

/**
 * Normalizes `deployment_mapping` with the project's one check
 * (`@amplifier-azure-openai/validation`): each model maps to a non-empty list of
 * {@link DeploymentTarget}s. A JSON string holding the table (from the environment) is parsed first.
 */
export function normalizeDeploymentMapping(
  raw: unknown,
): MappingResult<Readonly<Record<string, readonly DeploymentTarget[]>>> {
  const result = checkDeploymentMapping(parseTableText(raw));
  return { value: result.value, problems: result.problems.map(toConfigProblem), warnings: [] };
}

/**
 * Normalizes `deployment_models` (deployment name -> model family) with the project's one check;
 * a JSON string holding the table is parsed first.
 */
export function normalizeDeploymentModels(
  raw: unknown,
): MappingResult<Readonly<Record<string, string>>> {
  const result = checkDeploymentModels(parseTableText(raw));
  return { value: result.value, problems: result.problems.map(toConfigProblem), warnings: [] };
}

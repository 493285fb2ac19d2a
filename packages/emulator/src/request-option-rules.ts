import { type ErrorAnswer, invalidRequest } from './azure-errors.js';
import type { DeploymentConfig } from './types.js';

const SERVICE_TIERS = ['auto', 'default', 'flex', 'priority'];
const TRUNCATION = ['auto', 'disabled'];
const CACHE_RETENTION = ['in_memory', '24h'];
const VERBOSITY = ['low', 'medium', 'high'];

/**
 * The `reasoning.effort` values a model family takes, as Azure documents them: GPT-5 (and its
 * mini / nano / codex) minimal..high; GPT-5.1 adds none and drops minimal; GPT-5.2 and later add
 * xhigh; gpt-5-pro only high; the o-series low..high.
 */
export function reasoningEffortsOf(deployment: DeploymentConfig): readonly string[] {
  if (deployment.reasoningEfforts !== undefined) return deployment.reasoningEfforts;
  const model = deployment.model.toLowerCase();
  const minor = /^gpt-5\.(\d+)/.exec(model);
  if (minor !== null) {
    return Number(minor[1]) >= 2
      ? ['none', 'low', 'medium', 'high', 'xhigh']
      : ['none', 'low', 'medium', 'high'];
  }
  if (model.startsWith('gpt-5-pro')) return ['high'];
  if (model.startsWith('gpt-5')) return ['minimal', 'low', 'medium', 'high'];
  return ['low', 'medium', 'high'];
}

function unsupportedValue(
  param: string,
  value: unknown,
  supported: readonly string[],
): ErrorAnswer {
  const list = supported.map(entry => `'${entry}'`);
  const words = list.length > 1 ? `${list.slice(0, -1).join(', ')}, and ${list.at(-1)}` : list[0];
  return invalidRequest(
    `Unsupported value: '${param}' does not support ${JSON.stringify(value)} with this model. Supported values are: ${words}.`,
    param,
    'unsupported_value',
  );
}

function invalidType(param: string, expected: string, value: unknown): ErrorAnswer {
  return invalidRequest(
    `Invalid type for '${param}': expected ${expected}, but got ${value === null ? 'null' : typeof value} instead.`,
    param,
    'invalid_type',
  );
}

/**
 * Azure's checks of the request options (`service_tier`, `truncation`, `prompt_cache_key`,
 * `prompt_cache_retention`, `safety_identifier`, `parallel_tool_calls`, `text.verbosity`,
 * `reasoning.effort` per model family): the first failure, if any.
 */
export function checkRequestOptionRules(
  body: Record<string, unknown>,
  deployment: DeploymentConfig,
): ErrorAnswer | undefined {
  const enumOf = (param: string, value: unknown, allowed: readonly string[]) => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return invalidType(param, 'a string', value);
    return allowed.includes(value) ? undefined : unsupportedValue(param, value, allowed);
  };
  const stringOf = (param: string, value: unknown, max: number) => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return invalidType(param, 'a string', value);
    return value.length > max
      ? invalidRequest(
          `Invalid '${param}': string too long. Expected a string with maximum length ${max}, but got a string with length ${value.length} instead.`,
          param,
          'string_above_max_length',
        )
      : undefined;
  };
  const error =
    enumOf('service_tier', body.service_tier, SERVICE_TIERS) ??
    enumOf('truncation', body.truncation, TRUNCATION) ??
    enumOf('prompt_cache_retention', body.prompt_cache_retention, CACHE_RETENTION) ??
    stringOf('prompt_cache_key', body.prompt_cache_key, 64) ??
    stringOf('safety_identifier', body.safety_identifier, 64);
  if (error !== undefined) return error;
  if (
    body.parallel_tool_calls !== undefined &&
    body.parallel_tool_calls !== null &&
    typeof body.parallel_tool_calls !== 'boolean'
  ) {
    return invalidType('parallel_tool_calls', 'a boolean', body.parallel_tool_calls);
  }
  const text = body.text;
  if (typeof text === 'object' && text !== null) {
    const verbosity = (text as Record<string, unknown>).verbosity;
    // Only the GPT-5 family takes another verbosity than medium.
    const allowed = deployment.model.toLowerCase().startsWith('gpt-5') ? VERBOSITY : ['medium'];
    const verbosityError = enumOf('text.verbosity', verbosity, allowed);
    if (verbosityError !== undefined) return verbosityError;
  }
  const reasoning = body.reasoning;
  if (deployment.reasoning === true && typeof reasoning === 'object' && reasoning !== null) {
    const effort = (reasoning as Record<string, unknown>).effort;
    const effortError = enumOf('reasoning.effort', effort, reasoningEffortsOf(deployment));
    if (effortError !== undefined) return effortError;
  }
  return undefined;
}

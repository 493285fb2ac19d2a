import type { ErrorAnswer } from './azure-errors.js';
import {
  invalidRequest,
  maxTokensUnsupported,
  reasoningUnsupported,
  unsupportedSamplingValue,
} from './azure-errors.js';
import { checkHostedTools } from './hosted-tools.js';
import { checkRequestOptionRules } from './request-option-rules.js';
import type { DeploymentConfig } from './types.js';

/** Azure's own checks of a Responses body for a deployment; the first failure, if any. */
export function checkAzureRules(
  body: Record<string, unknown>,
  deployment: DeploymentConfig,
): ErrorAnswer | undefined {
  if ('max_tokens' in body) return maxTokensUnsupported();
  if (deployment.reasoning === true) {
    for (const param of ['temperature', 'top_p'] as const) {
      const value = body[param];
      if (value !== undefined && value !== null && value !== 1) {
        return unsupportedSamplingValue(param, value);
      }
    }
  } else {
    const reasoning = body.reasoning;
    if (
      typeof reasoning === 'object' &&
      reasoning !== null &&
      (reasoning as Record<string, unknown>).effort != null
    ) {
      return reasoningUnsupported();
    }
  }
  const max = body.max_output_tokens;
  if (max !== undefined && max !== null) {
    if (typeof max !== 'number' || !Number.isInteger(max)) {
      return invalidRequest(
        `Invalid type for 'max_output_tokens': expected an integer, but got ${typeof max} instead.`,
        'max_output_tokens',
        'invalid_type',
      );
    }
    if (max < 16) {
      return invalidRequest(
        `Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got ${max} instead.`,
        'max_output_tokens',
        'integer_below_min_value',
      );
    }
  }
  return checkRequestOptionRules(body, deployment) ?? checkHostedTools(body, deployment);
}

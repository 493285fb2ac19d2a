import type { DeploymentResolution } from './deployment-resolution.js';
import { describeTarget } from './deployment-target.js';
import type { ModelCapabilities } from './model-capabilities.js';
import type { ModelInfo } from './model-info.js';

/**
 * Amplifier capability strings for a model: always `streaming`; `tools`, `vision`, `json_mode`
 * when supported; `thinking` (Amplifier's canonical name) and `reasoning` for reasoning models.
 */
export function capabilityStrings(capabilities: ModelCapabilities): string[] {
  const strings = ['streaming'];
  if (capabilities.tools) strings.push('tools');
  if (capabilities.vision) strings.push('vision');
  if (capabilities.reasoning) strings.push('thinking', 'reasoning');
  if (capabilities.jsonMode) strings.push('json_mode');
  return strings;
}

/** Builds the Amplifier `ModelInfo` of one listed model from its resolution. */
export function buildModelInfo(input: {
  id: string;
  resolution: DeploymentResolution;
  azureEndpoint: string | undefined;
  maxTokens: number;
  temperature: number;
}): ModelInfo {
  const { id, resolution } = input;
  const capabilities = resolution.capabilities;
  const deployments = resolution.targets.map(target => target.deployment);
  const described = resolution.targets.map(describeTarget).join(', ');
  const targets = resolution.targets.map(target => {
    const endpoint = target.endpoint ?? input.azureEndpoint;
    return endpoint === undefined
      ? { deployment: target.deployment }
      : { deployment: target.deployment, endpoint };
  });
  const endpoints = [
    ...new Set(targets.flatMap(target => (target.endpoint === undefined ? [] : [target.endpoint]))),
  ];
  const defaults: Record<string, unknown> = {
    max_output_tokens: Math.min(input.maxTokens, capabilities.maxOutputTokens),
  };
  if (capabilities.supportsTemperature && !capabilities.reasoning) {
    defaults.temperature = input.temperature;
  }
  return {
    id,
    display_name: described === id ? id : `${id} (${described})`,
    context_window: capabilities.contextWindow,
    max_output_tokens: capabilities.maxOutputTokens,
    capabilities: capabilityStrings(capabilities),
    defaults,
    metadata: {
      cost_tier: capabilities.costTier,
      model_family: capabilities.family,
      known_model: capabilities.known,
      resolution_rule: resolution.rule,
      deployments,
      targets,
      endpoints,
    },
  };
}

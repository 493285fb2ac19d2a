import type { AzureOpenAIConfig } from '@amplifier-azure-openai/config';
import {
  createDeploymentResolver,
  type DeploymentTarget,
  type ModelCapabilities,
} from '@amplifier-azure-openai/deployments';

/** One deployment the doctor sends a tiny request to. */
export interface DeploymentProbe {
  /** The model name the request asks for (a mapping key, or the default model). */
  model: string;
  /** The deployment (and endpoint, for multi-resource failover). */
  target: DeploymentTarget;
  /** `gpt-5 -> production-gpt5 (mapping)`: how the deployment is reached. */
  label: string;
  /** What the resolver believes the deployment can do. */
  capabilities: ModelCapabilities;
}

function key(target: DeploymentTarget): string {
  return `${target.endpoint ?? ''}|${target.deployment}`;
}

/**
 * Every deployment the configuration can send requests to: each target of each
 * `deployment_mapping` entry (failover targets included), then the deployment the default model
 * resolves to (the `default_deployment`, or the model name itself) when not already listed.
 */
export function listDeploymentProbes(config: AzureOpenAIConfig): DeploymentProbe[] {
  const resolver = createDeploymentResolver(config);
  const probes: DeploymentProbe[] = [];
  const seen = new Set<string>();
  const add = (model: string) => {
    const resolution = resolver.resolve(model);
    const capabilitiesOf = (deployment: string): ModelCapabilities => {
      const own = resolver.capabilitiesFor(deployment);
      return own.known ? own : resolution.capabilities;
    };
    resolution.targets.forEach((target, index) => {
      if (seen.has(key(target))) return;
      seen.add(key(target));
      const where = target.endpoint === undefined ? '' : ` @ ${target.endpoint}`;
      const role = resolution.targets.length > 1 ? (index === 0 ? ', primary' : ', failover') : '';
      probes.push({
        model,
        target,
        label: `${model} -> ${target.deployment}${where} (${resolution.rule}${role})`,
        capabilities: index === 0 ? resolution.capabilities : capabilitiesOf(target.deployment),
      });
    });
  };
  for (const model of Object.keys(config.deploymentMapping)) add(model);
  add(config.defaultModel);
  return probes;
}

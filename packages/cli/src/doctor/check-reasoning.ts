import type { ResolvedConfig } from '@amplifier-azure-openai/config';
import type { CheckResult } from './check-result.js';
import type { DeploymentProbe } from './deployment-probes.js';

/**
 * Reasoning/temperature compatibility: reasoning deployments reject `temperature`/`top_p` (the
 * provider omits them), non-reasoning deployments ignore `reasoning_effort`, and deployments of
 * unknown capability should be declared in `deployment_models`.
 */
export function checkReasoning(
  resolved: ResolvedConfig,
  probes: readonly DeploymentProbe[],
): CheckResult[] {
  const { config, sources } = resolved;
  const results: CheckResult[] = [];
  const reasoning = probes.filter(probe => probe.capabilities.reasoning);
  const plain = probes.filter(probe => !probe.capabilities.reasoning);
  const names = (list: readonly DeploymentProbe[]) =>
    [...new Set(list.map(probe => probe.target.deployment))].join(', ');
  const setByUser = (key: 'temperature' | 'topP') => sources[key] !== 'default';

  const sampling: string[] = [];
  if (setByUser('temperature')) sampling.push(`temperature ${config.temperature}`);
  if (config.topP !== undefined && setByUser('topP')) sampling.push(`top_p ${config.topP}`);
  if (sampling.length > 0 && reasoning.length > 0) {
    results.push({
      name: 'reasoning/temperature',
      status: 'warn',
      summary: `${sampling.join(' and ')} set, but ${names(reasoning)} ${reasoning.length === 1 ? 'is a reasoning model' : 'are reasoning models'}: it will be omitted for ${reasoning.length === 1 ? 'it' : 'them'}`,
      fix: 'Remove temperature/top_p from the configuration, or map these models to non-reasoning deployments.',
    });
  }
  if (config.reasoningEffort !== undefined && plain.length > 0) {
    results.push({
      name: 'reasoning/effort',
      status: 'warn',
      summary: `reasoning_effort ${config.reasoningEffort} set, but ${names(plain)} ${plain.length === 1 ? 'is not a reasoning model' : 'are not reasoning models'}: it will be ignored there`,
      fix: 'Map reasoning models only, or remove reasoning_effort.',
    });
  }
  const unknown = probes.filter(probe => !probe.capabilities.known);
  if (unknown.length > 0) {
    results.push({
      name: 'model capabilities',
      status: 'warn',
      summary: `unknown model family for ${names(unknown)}: reasoning and limits are guessed`,
      fix: `Declare the model behind each deployment, e.g. deployment_models = { "${unknown[0]?.target.deployment ?? 'my-deployment'}" = "gpt-5" }.`,
    });
  }
  if (results.length === 0) {
    const summary =
      reasoning.length > 0
        ? `reasoning: ${names(reasoning)} (temperature/top_p omitted)${plain.length > 0 ? `; non-reasoning: ${names(plain)} (temperature ${config.temperature})` : ''}`
        : `non-reasoning deployments only (temperature ${config.temperature})`;
    results.push({ name: 'reasoning/temperature', status: 'pass', summary });
  }
  return results;
}

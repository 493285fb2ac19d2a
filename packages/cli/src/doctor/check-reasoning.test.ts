import { resolveConfig } from '@amplifier-azure-openai/config';
import { describe, expect, it } from 'vitest';
import { checkReasoning } from './check-reasoning.js';
import { listDeploymentProbes } from './deployment-probes.js';

const ENV = { AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com', AZURE_OPENAI_API_KEY: 'k' };

function check(input: Record<string, unknown>) {
  const resolved = resolveConfig(input, ENV);
  return checkReasoning(resolved, listDeploymentProbes(resolved.config));
}

describe('checkReasoning', () => {
  it('passes with the default temperature', () => {
    expect(check({ deployment_mapping: { 'gpt-5': 'prod', 'gpt-4o': 'four' } })).toEqual([
      expect.objectContaining({
        status: 'pass',
        summary: expect.stringContaining('reasoning: prod'),
      }),
    ]);
  });

  it('warns when a configured temperature will be omitted for reasoning deployments', () => {
    const [result] = check({ temperature: 0.2, deployment_mapping: { 'gpt-5': 'prod' } });
    expect(result).toMatchObject({ status: 'warn', name: 'reasoning/temperature' });
    expect(result?.summary).toContain('temperature 0.2 set, but prod is a reasoning model');
  });

  it('warns about reasoning_effort on non-reasoning deployments and unknown families', () => {
    const results = check({
      reasoning_effort: 'high',
      default_model: 'gpt-4o',
      deployment_mapping: { custom: 'my-deployment' },
    });
    expect(results.map(r => r.name)).toEqual(['reasoning/effort', 'model capabilities']);
    expect(results[1]?.fix).toContain('deployment_models');
  });
});

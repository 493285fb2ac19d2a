import { resolveConfig } from '@amplifier-azure-openai/config';
import { describe, expect, it } from 'vitest';
import { listDeploymentProbes } from './deployment-probes.js';

describe('listDeploymentProbes', () => {
  it('lists every mapped target once, then the default model deployment', () => {
    const { config } = resolveConfig(
      {
        deployment_mapping: {
          'gpt-5': ['prod', { deployment: 'backup', endpoint: 'https://other.openai.azure.com' }],
          'gpt-5-mini': 'prod',
        },
        default_model: 'gpt-4o',
        default_deployment: 'fallback',
      },
      { AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com', AZURE_OPENAI_API_KEY: 'k' },
    );
    expect(listDeploymentProbes(config).map(p => p.label)).toEqual([
      'gpt-5 -> prod (mapping, primary)',
      'gpt-5 -> backup @ https://other.openai.azure.com (mapping, failover)',
      'gpt-4o -> fallback (default)',
    ]);
  });
});

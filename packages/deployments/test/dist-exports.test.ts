import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type Api = typeof import('../src/index.js');

// The built files are loaded by path (not a static import), so typechecking does not need dist/.
// The ESM and CJS builds are two copies of the package: errors from one must be recognised by the
// other, as they would be when an application loads two versions.
const distEsm = new URL('../dist/index.js', import.meta.url).href;
const esm = (await import(distEsm)) as Api;
const cjs = createRequire(import.meta.url)('../dist/index.cjs') as Api;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('built package', () => {
  it('ESM and CJS export the same API', () => {
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(Object.keys(esm).sort()).toEqual([
      'DeploymentConfigError',
      'DeploymentError',
      'InvalidModelNameError',
      'MODEL_CAPABILITY_TABLE',
      'UNKNOWN_MODEL_CAPABILITIES',
      'VERSION',
      'createDeploymentResolver',
      'createMemoryStateStore',
      'createQuotaGate',
      'deploymentStateKey',
      'estimateTokens',
      'findCapabilityEntry',
      'getModelCapabilities',
      'isFailoverStatus',
      'normaliseEndpoint',
      'normaliseModelName',
      'normalizeEndpoint',
      'normalizeModelName',
      'readQuotaHeaders',
      'silentLogger',
    ]);
    expect(esm.VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(esm.VERSION).not.toBe('0.0.0-test');
  });

  it('isInstance recognises errors across the two copies', () => {
    const fromCjs = thrown(() =>
      cjs.createDeploymentResolver({ deploymentMapping: { 'gpt-5': [] } }),
    );
    const fromEsm = thrown(() => esm.createDeploymentResolver().resolve(''));
    expect(fromCjs).not.toBeInstanceOf(esm.DeploymentConfigError);
    expect(esm.DeploymentConfigError.isInstance(fromCjs)).toBe(true);
    expect(esm.DeploymentError.isInstance(fromCjs)).toBe(true);
    expect((fromCjs as InstanceType<Api['DeploymentConfigError']>).key).toBe(
      'deployment_mapping.gpt-5',
    );
    expect(cjs.InvalidModelNameError.isInstance(fromEsm)).toBe(true);
    expect(cjs.DeploymentConfigError.isInstance(fromEsm)).toBe(false);
  });

  it('resolves the seed examples from the built code', () => {
    const resolver = cjs.createDeploymentResolver({
      deploymentMapping: { 'gpt-5': 'production-gpt5', 'gpt-5-mini': 'fast-mini' },
    });
    expect(resolver.resolve('gpt-5').description).toBe('gpt-5 -> production-gpt5 (mapping)');
    expect(resolver.resolve('gpt-5-mini').primary.deployment).toBe('fast-mini');
  });
});

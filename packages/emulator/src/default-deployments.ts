import type { DeploymentConfig } from './types.js';

/** The deployments an emulator serves when `deployments` is not given. */
export const DEFAULT_DEPLOYMENTS: Readonly<Record<string, DeploymentConfig>> = Object.freeze({
  'gpt-5': Object.freeze({ model: 'gpt-5', reasoning: true }),
  'gpt-5-mini': Object.freeze({ model: 'gpt-5-mini', reasoning: true }),
  'production-gpt5': Object.freeze({ model: 'gpt-5', reasoning: true }),
  'backup-gpt5': Object.freeze({ model: 'gpt-5', reasoning: true }),
  'fast-mini': Object.freeze({ model: 'gpt-5-mini', reasoning: true }),
  'gpt-4o': Object.freeze({ model: 'gpt-4o', reasoning: false }),
  'gpt-4o-mini': Object.freeze({ model: 'gpt-4o-mini', reasoning: false }),
  'gpt-4.1': Object.freeze({ model: 'gpt-4.1', reasoning: false }),
});

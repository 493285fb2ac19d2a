export { MODEL_CAPABILITY_TABLE } from './capability-table.js';
export {
  DeploymentConfigError,
  type DeploymentConfigProblem,
  DeploymentError,
  InvalidModelNameError,
} from './deployment-errors.js';
export type {
  DeploymentResolution,
  FailoverPlan,
  ResolutionRule,
  SkippedTarget,
} from './deployment-resolution.js';
export { createDeploymentResolver, type DeploymentResolver } from './deployment-resolver.js';
export type { DeploymentResolverOptions } from './deployment-resolver-options.js';
export { type DeploymentTarget, normalizeEndpoint } from './deployment-target.js';
export { normaliseEndpoint, normaliseModelName } from './deprecated-spellings.js';
export { isFailoverStatus } from './failover-status.js';
export {
  findCapabilityEntry,
  getModelCapabilities,
  normalizeModelName,
  UNKNOWN_MODEL_CAPABILITIES,
} from './get-model-capabilities.js';
export { type Logger, silentLogger } from './logger.js';
export type { CostTier, ModelCapabilities, ModelCapabilityEntry } from './model-capabilities.js';
export type { ModelInfo } from './model-info.js';
export { VERSION } from './version.js';

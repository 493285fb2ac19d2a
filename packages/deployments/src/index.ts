export { MODEL_CAPABILITY_TABLE } from './capability-table.js';
export {
  DeploymentConfigError,
  type DeploymentConfigProblem,
  DeploymentError,
  InvalidModelNameError,
} from './deployment-errors.js';
export type { DeploymentQuota } from './deployment-quotas.js';
export type {
  DeploymentResolution,
  FailoverPlan,
  ResolutionRule,
  SkippedTarget,
} from './deployment-resolution.js';
export { createDeploymentResolver, type DeploymentResolver } from './deployment-resolver.js';
export type { DeploymentResolverOptions } from './deployment-resolver-options.js';
export {
  type BudgetDecision,
  type BudgetLimit,
  type BudgetUse,
  type CooldownState,
  type DeploymentStateStore,
  deploymentStateKey,
  type QuotaObservation,
} from './deployment-state-store.js';
export {
  type DeploymentTarget,
  type EndpointResult,
  normalizeEndpoint,
} from './deployment-target.js';
export { normaliseEndpoint, normaliseModelName } from './deprecated-spellings.js';
export { estimateTokens } from './estimate-tokens.js';
export { isFailoverStatus } from './failover-status.js';
export {
  findCapabilityEntry,
  getModelCapabilities,
  normalizeModelName,
  UNKNOWN_MODEL_CAPABILITIES,
} from './get-model-capabilities.js';
export { type Logger, silentLogger } from './logger.js';
export {
  createMemoryStateStore,
  type MemoryStateStore,
  type MemoryStateStoreOptions,
} from './memory-state-store.js';
export type { CostTier, ModelCapabilities, ModelCapabilityEntry } from './model-capabilities.js';
export type { ModelInfo } from './model-info.js';
export {
  type Admission,
  type AdmitOptions,
  createQuotaGate,
  type HeadersLike,
  type QuotaGate,
  type QuotaGateOptions,
  readQuotaHeaders,
} from './quota-gate.js';
export { VERSION } from './version.js';

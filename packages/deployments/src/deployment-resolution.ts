import type { DeploymentTarget } from './deployment-target.js';
import type { ModelCapabilities } from './model-capabilities.js';

/**
 * Which rule picked the deployment(s): an explicit `deployment_mapping` entry, the
 * `default_deployment`, or pass-through (the model name is used as the deployment name).
 */
export type ResolutionRule = 'mapping' | 'default' | 'passthrough';

/** Where a model's deployment(s) go and what the model can do. */
export interface DeploymentResolution {
  /** The model name as requested (trimmed). */
  model: string;
  /** The rule that matched. */
  rule: ResolutionRule;
  /** Every deployment to try, in order (a single one unless the mapping lists several). */
  targets: readonly DeploymentTarget[];
  /** The first target. */
  primary: DeploymentTarget;
  /**
   * Capabilities of the primary deployment: from its `deployment_models` override, else the
   * requested model name, else the deployment name (for the `default` rule the deployment name is
   * tried before the model name), else conservative defaults (`known: false`).
   */
  capabilities: ModelCapabilities;
  /** One line for logs, e.g. `gpt-5 -> production-gpt5 (mapping)`. */
  description: string;
}

/** A deployment that is cooling down after a 429 and until when. */
export interface SkippedTarget {
  /** The deployment being skipped. */
  target: DeploymentTarget;
  /** When it may be used again (milliseconds, on the resolver's `now()` clock). */
  availableAt: number;
}

/** The deployments to try for one request, in order: the resolver plans, the provider executes. */
export interface FailoverPlan {
  /** The resolution the plan is for. */
  resolution: DeploymentResolution;
  /**
   * The targets to try, in mapping order, without the ones cooling down. When every target is
   * cooling down this holds all of them, soonest available first (see {@link allCoolingDown}).
   */
  targets: readonly DeploymentTarget[];
  /** The targets cooling down (in mapping order, or soonest first when all are). */
  skipped: readonly SkippedTarget[];
  /**
   * True when every target is cooling down: the provider should raise a rate-limit error (or
   * wait until `skipped[0].availableAt`) instead of looping. Addition to the agreed API.
   */
  allCoolingDown: boolean;
}

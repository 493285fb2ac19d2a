/**
 * One Azure OpenAI deployment a request can be sent to.
 *
 * Same shape as `DeploymentTarget` of `@amplifier-azure-openai/config`.
 */
export interface DeploymentTarget {
  /** The deployment name (what Azure expects in the request body's `model`). */
  deployment: string;
  /**
   * Another Azure OpenAI resource to send this deployment's requests to (multi-region failover),
   * normalized like `azure_endpoint`: `https://x.openai.azure.com` (no trailing slash, no
   * `/openai` or `/openai/v1`). Absent: the provider's own `azure_endpoint`. Authentication is the
   * same for every endpoint.
   */
  endpoint?: string | undefined;
}

// The one endpoint check of the project lives in the dependency-free validation package.
export { type EndpointResult, normalizeEndpoint } from '@amplifier-azure-openai/validation';

/** The identity of a target for cooldowns: endpoint (or the default one) and deployment name. */
export function targetKey(target: DeploymentTarget, defaultEndpoint: string | undefined): string {
  return `${target.endpoint ?? defaultEndpoint ?? ''}\u0000${target.deployment}`;
}

/** Human-readable target: `deployment`, or `deployment@host` when it names another endpoint. */
export function describeTarget(target: DeploymentTarget): string {
  if (target.endpoint === undefined) return target.deployment;
  try {
    return `${target.deployment}@${new URL(target.endpoint).host}`;
  } catch {
    return `${target.deployment}@${target.endpoint}`;
  }
}

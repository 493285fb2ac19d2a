import type { FailoverPlan } from '@amplifier-azure-openai/deployments';
import type { AzureOpenAIError } from '../errors/azure-openai-error.js';
import { PROVIDER_ID } from '../provider/provider-info.js';
import type { ToolSequenceRepair } from '../request/messages-to-input.js';

/** Error codes with which Azure says a `previous_response_id` is unknown (expired, deleted, never stored). */
export const RESPONSE_NOT_FOUND_CODES: ReadonlySet<string> = new Set([
  'previous_response_not_found',
  'response_not_found',
]);

/** True for an error rejecting the `previous_response_id` (a broken response chain). */
export function isChainInvalidation(error: AzureOpenAIError): boolean {
  if (error.status !== undefined && error.status >= 500) return false;
  const param = (error as { param?: unknown }).param;
  return (
    param === 'previous_response_id' ||
    (error.code !== undefined && RESPONSE_NOT_FOUND_CODES.has(error.code))
  );
}

/** `provider:resolve`: the model, the deployment it resolved to, the rule, and the failover order. */
export function resolvePayload(model: string, plan: FailoverPlan): Record<string, unknown> {
  const first = plan.targets[0];
  const payload: Record<string, unknown> = {
    provider: PROVIDER_ID,
    model,
    deployment: first?.deployment,
    rule: plan.resolution.rule,
    targets: plan.resolution.targets.map(target => target.deployment),
  };
  if (first?.endpoint !== undefined) payload.endpoint = first.endpoint;
  if (plan.skipped.length > 0) {
    payload.cooling_down = plan.skipped.map(entry => entry.target.deployment);
  }
  if (plan.resolution.capabilities.known) payload.family = plan.resolution.capabilities.family;
  return payload;
}

/** `provider:error`: a call that failed for good (after retries and failover). */
export function errorPayload(
  model: string,
  error: AzureOpenAIError,
  durationMs: number,
): Record<string, unknown> {
  return {
    provider: PROVIDER_ID,
    model,
    deployment: error.deployment,
    error_type: error.name,
    error: error.message,
    status: error.status,
    code: error.code,
    request_id: error.requestId,
    retryable: error.retryable,
    duration_ms: durationMs,
  };
}

/** `provider:tool_sequence_repaired`, shaped like the Python OpenAI provider's. */
export function toolSequenceRepairedPayload(
  repairs: readonly ToolSequenceRepair[],
): Record<string, unknown> {
  return {
    provider: PROVIDER_ID,
    repair_count: repairs.length,
    repairs: repairs.map(repair => ({
      tool_call_id: repair.tool_call_id,
      tool_name: repair.tool_name,
    })),
  };
}

/** `provider:response_chain_invalidated`, shaped like the Python OpenAI provider's. */
export function chainInvalidatedPayload(
  model: string,
  deployment: string,
  invalidatedId: unknown,
  errorCode: string | undefined,
): Record<string, unknown> {
  return {
    provider: PROVIDER_ID,
    model,
    deployment,
    invalidated_id: typeof invalidatedId === 'string' ? invalidatedId : undefined,
    error_code: errorCode,
  };
}

import type { DeploymentResolution } from '@amplifier-azure-openai/deployments';
import type { ClientRequestIds } from '../client/client-request-ids.js';
import { toolSequenceRepairedPayload } from '../events/canonical-events.js';
import { DEBUG_TRUNCATION, toDebugPayload } from '../events/debug-payload.js';
import { emit, warn } from '../events/provider-event-emitter.js';
import { PROVIDER_TOOL_SEQUENCE_REPAIRED } from '../events/provider-event-names.js';
import { buildResponsesRequest } from '../request/build-responses-request.js';
import type { FailoverTarget } from '../retry/run-with-failover.js';
import type { ChatRequest } from '../types.js';
import { previousResponseIdFor } from './call-chain.js';
import type { ProviderContext } from './provider-context.js';
import { PROVIDER_ID } from './provider-info.js';
import { removeParameter } from './unsupported-parameter.js';

/** One attempt of a call: the target it goes to and what it sends. */
export interface SendContext {
  target: FailoverTarget;
  resolution: DeploymentResolution;
  request: ChatRequest;
  signal: AbortSignal | undefined;
  stream: boolean;
  ids: ClientRequestIds;
  /** Send as a background response (`background: true`). */
  background?: boolean | undefined;
}

/** What building a body needs of the provider. */
export type BodyContext = Pick<
  ProviderContext,
  'config' | 'resolver' | 'chain' | 'repairedToolCalls' | 'events' | 'scrubber' | 'logger'
>;

/** The capabilities of `target`: its own when the resolver knows it, else the primary's. */
export function capabilitiesFor(
  context: Pick<ProviderContext, 'resolver'>,
  resolution: DeploymentResolution,
  target: FailoverTarget,
) {
  if (target.deployment === resolution.primary.deployment) return resolution.capabilities;
  const own = context.resolver.capabilitiesFor(target.deployment);
  return own.known ? own : resolution.capabilities;
}

/**
 * Builds the Responses body for one target, with the parameters it rejected before (`omit`)
 * removed; reports mapping warnings, repaired tool sequences (once per call id) and, with
 * `debug`, the request payload.
 */
export async function buildCallBody(
  context: BodyContext,
  send: SendContext,
  omit: ReadonlySet<string>,
): Promise<Record<string, unknown>> {
  const previousResponseId = previousResponseIdFor(context, send.request, send.target);
  const built = buildResponsesRequest(send.request, {
    deployment: send.target.deployment,
    capabilities: capabilitiesFor(context, send.resolution, send.target),
    config: context.config,
    omitParameters: omit,
    ...(previousResponseId === undefined ? {} : { previousResponseId }),
  });
  const body = built.body as unknown as Record<string, unknown>;
  if (send.background === true) body.background = true;
  if (omit.size > 0) for (const parameter of omit) removeParameter(body, parameter);
  for (const warning of built.warnings) {
    await warn(context, warning, {
      deployment: send.target.deployment,
      model: send.resolution.model,
      client_request_id: send.ids.peek(),
    });
  }
  const repairs = built.repairs.filter(
    repair => !context.repairedToolCalls.has(repair.tool_call_id),
  );
  if (repairs.length > 0) {
    for (const repair of repairs) context.repairedToolCalls.add(repair.tool_call_id);
    await emit(context, PROVIDER_TOOL_SEQUENCE_REPAIRED, toolSequenceRepairedPayload(repairs));
  }
  if (context.events !== undefined && context.config.debug) {
    await emit(context, 'llm:request:debug', {
      provider: PROVIDER_ID,
      model: send.resolution.model,
      deployment: send.target.deployment,
      client_request_id: send.ids.peek(),
      request: toDebugPayload(body, DEBUG_TRUNCATION),
    });
    if (context.config.rawDebug) {
      await emit(context, 'llm:request:raw', {
        provider: PROVIDER_ID,
        model: send.resolution.model,
        deployment: send.target.deployment,
        client_request_id: send.ids.peek(),
        request: toDebugPayload(body),
      });
    }
  }
  return body;
}

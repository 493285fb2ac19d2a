import { readRequestId } from '../client/client-pool.js';
import { withCallSlot } from '../concurrency/call-slot.js';
import { applyCost } from '../cost/call-cost.js';
import { emitFailure, emitRequest, emitResponse } from '../events/provider-event-emitter.js';
import { toolNamesIfParallel } from '../request/tool-names-if-parallel.js';
import { parseResponse } from '../response/parse-response.js';
import { readResponseJson } from '../response/read-response-json.js';
import { failoverOptions } from '../retry/failover-options.js';
import type { FailoverTarget } from '../retry/run-with-failover.js';
import { runWithQuota } from '../retry/run-with-quota.js';
import type { ChatRequest, ChatResponse } from '../types.js';
import { backgroundMode, openBackground, settleBackground } from './background-response.js';
import type { SendContext } from './build-call-body.js';
import { recordChain } from './call-chain.js';
import { finalError } from './final-error.js';
import { httpRequestOptions } from './http-request-options.js';
import { prepareCall } from './prepare-call.js';
import type { ProviderContext } from './provider-context.js';
import type { CallOptions } from './provider-options.js';
import { quotaCall } from './quota-call.js';
import { sendWithLearning } from './send-with-learning.js';

/**
 * One non-streaming call: prepare, send with failover and parameter learning, read the raw JSON
 * answer, record the chain and report the call's events. Rejects with a typed, scrubbed error.
 */
export async function completeOnce(
  context: ProviderContext,
  request: ChatRequest,
  callOptions?: CallOptions,
): Promise<ChatResponse> {
  const { config, events, pool } = context;
  const background = backgroundMode(config, request);
  // With a concurrency limit every call gets a signal, so close() also ends calls waiting in line;
  // a background call always gets its own signal: close() must be able to cancel it.
  const call = prepareCall(
    context,
    request,
    callOptions,
    context.concurrency !== undefined || background !== undefined,
  );
  try {
    if (events !== undefined) await emitRequest(context, call, request, false);
    const resolution = call.plan.resolution;
    let raw: unknown;
    let answeredBy: FailoverTarget | undefined;
    const response = await runWithQuota<ChatResponse>(
      context.quota,
      quotaCall(context, call, request),
      {
        ...failoverOptions(context, call),
        attempt: target => {
          const attempt: SendContext = {
            target,
            resolution,
            request,
            signal: call.signal,
            stream: false,
            ids: call.ids,
            background: background !== undefined,
          };
          return withCallSlot(context, call, target, () =>
            sendWithLearning(context, attempt, async (body, clientRequestId) => {
              const client = pool.get(target.endpoint);
              const options = await httpRequestOptions(
                context,
                request,
                call.signal,
                clientRequestId,
              );
              const timeoutMs = options.timeout ?? config.timeout * 1000;
              const deadline = Date.now() + timeoutMs;
              // The raw answer, read here: the SDK's parsed-result wrapping is per-call work the
              // provider does not need (non-2xx answers still reject with the SDK's APIError).
              const http = await (background === undefined
                ? client.responses
                    .create(
                      body as unknown as Parameters<typeof client.responses.create>[0] & {
                        stream?: false;
                      },
                      options,
                    )
                    .asResponse()
                : openBackground(client, body, options, background));
              const requestId = readRequestId(http.headers);
              context.quota?.gate.observe(target, http.headers);
              const parseContext = {
                deployment: target.deployment,
                model: call.model,
                requestId,
                clientRequestId,
                credentialHeaders: options.headers,
              };
              let data = await readResponseJson(http, {
                ...parseContext,
                deadline,
                timeoutSeconds: timeoutMs / 1000,
              });
              if (background !== undefined) {
                data = await settleBackground(context, {
                  client,
                  first: data,
                  mode: background,
                  target,
                  model: call.model,
                  signal: call.signal,
                  requestOptions: signal =>
                    httpRequestOptions(context, request, signal, call.ids.take()),
                });
              }
              raw = data;
              answeredBy = target;
              return parseResponse(data, {
                ...parseContext,
                toolNames: toolNamesIfParallel(request),
              });
            }),
          );
        },
      },
    );
    const costWarning = applyCost(context, response);
    if (costWarning !== undefined) await costWarning;
    recordChain(context, request, response, answeredBy);
    if (events !== undefined || response.metadata?.incomplete !== undefined) {
      await emitResponse(context, call, response, raw);
    }
    return response;
  } catch (thrown) {
    const error = context.scrubber.error(finalError(context, call, thrown));
    if (events !== undefined) await emitFailure(context, call, error);
    throw error;
  } finally {
    call.release();
  }
}

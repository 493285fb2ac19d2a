import { translateError } from '../errors/translate-error.js';
import { chainInvalidatedPayload, isChainInvalidation } from '../events/canonical-events.js';
import { emit, warn } from '../events/provider-event-emitter.js';
import { PROVIDER_RESPONSE_CHAIN_INVALIDATED } from '../events/provider-event-names.js';
import type { FailoverTarget } from '../retry/run-with-failover.js';
import { invalidateToken, isRefusedToken, refreshedTokenRefused } from '../retry/token-refresh.js';
import { type BodyContext, buildCallBody, type SendContext } from './build-call-body.js';
import { chainKey } from './call-chain.js';
import { errorContext, type ProviderContext } from './provider-context.js';
import { unsupportedParameterOf } from './unsupported-parameter.js';

const NO_OMISSIONS: ReadonlySet<string> = new Set();

/** What sending with learning needs of the provider. */
export type LearningContext = BodyContext & Pick<ProviderContext, 'auth' | 'state' | 'omissions'>;

/** The key parameter learning remembers a target by (`endpoint|deployment`). */
export function targetKey(target: FailoverTarget): string {
  return target.endpoint === undefined
    ? target.deployment
    : `${target.endpoint}|${target.deployment}`;
}

/**
 * Sends one attempt (`send`, given the body and its client request id) and learns from its
 * failure, re-sending at most once per cause:
 * - a 400 naming a droppable parameter (temperature, top_p, reasoning...) is remembered for the
 *   target and the request re-sent without it;
 * - a 401 on a token drops the cached token and re-sends once with a fresh one;
 * - a vanished stored response (`previous_response_id`) resets the conversation chain and
 *   re-sends the whole conversation.
 * Anything else is thrown, translated to a typed error.
 */
export async function sendWithLearning<T>(
  context: LearningContext,
  attempt: SendContext,
  send: (body: Record<string, unknown>, clientRequestId: string) => Promise<T>,
): Promise<T> {
  const { auth, chain, logger, omissions } = context;
  const key = targetKey(attempt.target);
  // Each parameter is dropped at most once per call (a model may reject several in turn).
  let retriedWithout: Set<string> | undefined;
  // A 401 on a token is answered once by dropping the cached token and sending again.
  let tokenRefreshed = false;
  for (;;) {
    const omit = omissions.get(key) ?? NO_OMISSIONS;
    const body = await buildCallBody(context, attempt, omit);
    const clientRequestId = attempt.ids.take();
    try {
      return await send(body, clientRequestId);
    } catch (thrown) {
      const error = translateError(thrown, {
        ...errorContext(context, attempt.resolution.model, attempt.resolution.rule, attempt.target),
        clientRequestId,
      });
      if (isRefusedToken(error, auth) && !attempt.signal?.aborted) {
        if (tokenRefreshed) throw refreshedTokenRefused(error, auth.method);
        if (invalidateToken(auth)) {
          tokenRefreshed = true;
          logger.info('Azure OpenAI refused the token (HTTP 401); retrying once with a fresh one', {
            method: auth.method,
            request_id: error.requestId,
            client_request_id: error.clientRequestId,
          });
          continue;
        }
      }
      if (
        chain !== undefined &&
        error.status !== undefined &&
        body.previous_response_id !== undefined &&
        isChainInvalidation(error) &&
        !retriedWithout?.has('previous_response_id')
      ) {
        // The stored response is gone (expired or deleted): forget the chain, send everything.
        chain.reset(chainKey(attempt.request));
        await emit(
          context,
          PROVIDER_RESPONSE_CHAIN_INVALIDATED,
          chainInvalidatedPayload(
            attempt.resolution.model,
            attempt.target.deployment,
            body.previous_response_id,
            error.code,
          ),
        );
        retriedWithout ??= new Set();
        retriedWithout.add('previous_response_id');
        continue;
      }
      const parameter = unsupportedParameterOf(error);
      if (
        parameter === undefined ||
        retriedWithout?.has(parameter) ||
        omit.has(parameter) ||
        attempt.signal?.aborted
      ) {
        throw error;
      }
      retriedWithout ??= new Set();
      retriedWithout.add(parameter);
      const learned = new Set(omit);
      learned.add(parameter);
      omissions.set(key, learned);
      await warn(
        context,
        `Deployment '${attempt.target.deployment}' does not support '${parameter}'; it is no longer sent to this deployment.`,
        {
          deployment: attempt.target.deployment,
          model: attempt.resolution.model,
          parameter,
          code: error.code,
          request_id: error.requestId,
          client_request_id: error.clientRequestId,
        },
      );
    }
  }
}

import type { FailoverPlan } from '@amplifier-azure-openai/deployments';
import { type ClientRequestIds, createClientRequestIds } from '../client/client-request-ids.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { ChatRequest } from '../types.js';
import { ensureOpen, type ProviderContext } from './provider-context.js';
import type { CallOptions } from './provider-options.js';

/** One call, ready to send: its model, failover plan, signal and client request ids. */
export interface PreparedCall {
  model: string;
  plan: FailoverPlan;
  /**
   * The call's own signal (caller's signal and close() linked), or `undefined` for a complete()
   * without a caller signal: creating and listening to an AbortSignal costs tens of microseconds
   * on Node 20, so the fast path passes none to the SDK.
   */
  signal: AbortSignal | undefined;
  /** Aborts this call only (stream idle timeout). */
  abort: (reason: unknown) => void;
  release: () => void;
  startedAt: number;
  /** A fresh `x-ms-client-request-id` for each HTTP request of the call. */
  ids: ClientRequestIds;
}

function noop(): void {}

/**
 * One AbortController per call, aborted by the caller's signal or by close(). The SDK adds a
 * listener to the signal it gets and never removes it, so it must never see a long-lived signal
 * (the caller's, or a provider-wide one): it only sees this per-call one.
 */
export function linkSignal(
  context: Pick<ProviderContext, 'inFlight'>,
  signal: AbortSignal | undefined,
): { controller: AbortController; release: () => void } {
  const { inFlight } = context;
  const controller = new AbortController();
  if (signal === undefined) {
    inFlight.add(controller);
    return { controller, release: () => inFlight.delete(controller) };
  }
  if (signal.aborted) {
    controller.abort(signal.reason);
    return { controller, release: noop };
  }
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  inFlight.add(controller);
  return {
    controller,
    release: () => {
      signal.removeEventListener('abort', onAbort);
      inFlight.delete(controller);
    },
  };
}

/**
 * Checks the request, resolves its model to a failover plan and links its signal. `needsSignal`
 * (streams) always creates a per-call signal; a complete() without a caller signal gets none.
 */
export function prepareCall(
  context: Pick<ProviderContext, 'state' | 'config' | 'resolver' | 'inFlight' | 'now'>,
  request: ChatRequest,
  callOptions: CallOptions | undefined,
  needsSignal: boolean,
): PreparedCall {
  ensureOpen(context);
  if (typeof request !== 'object' || request === null || !Array.isArray(request.messages)) {
    throw new InvalidRequestError({
      message: `Invalid chat request: expected an object with a messages array, got ${
        request === null ? 'null' : Array.isArray(request) ? 'an array' : typeof request
      }${typeof request === 'object' && request !== null ? ' without messages' : ''}.`,
      code: 'invalid_chat_request',
      param: 'messages',
      fix: "Pass { messages: [{ role: 'user', content: '...' }] }.",
    });
  }
  const model =
    typeof request?.model === 'string' && request.model.trim() !== ''
      ? request.model
      : context.config.defaultModel;
  let plan: FailoverPlan;
  try {
    plan = context.resolver.plan(model);
  } catch (error) {
    // e.g. an invalid model name: the deployments package's own typed error, kept as the cause.
    throw new InvalidRequestError({
      message: `Cannot send model '${model}': ${error instanceof Error ? error.message : String(error)}`,
      code:
        typeof (error as { code?: unknown })?.code === 'string'
          ? (error as { code: string }).code
          : 'invalid_model',
      param: 'model',
      model,
      fix:
        typeof (error as { fix?: unknown })?.fix === 'string'
          ? (error as { fix: string }).fix
          : 'Pass a model name that `deployment_mapping`, `default_deployment` or a deployment of the same name can serve.',
      cause: error,
    });
  }
  if (!needsSignal && callOptions?.signal === undefined) {
    return {
      model,
      plan,
      signal: undefined,
      abort: noop,
      release: noop,
      startedAt: context.now(),
      ids: createClientRequestIds(),
    };
  }
  const { controller, release } = linkSignal(context, callOptions?.signal);
  return {
    model,
    plan,
    signal: controller.signal,
    abort: reason => controller.abort(reason),
    release,
    startedAt: context.now(),
    ids: createClientRequestIds(),
  };
}

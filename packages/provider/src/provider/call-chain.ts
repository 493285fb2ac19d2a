import { chainTarget } from '../request/conversation-chain.js';
import type { FailoverTarget } from '../retry/run-with-failover.js';
import type { ChatRequest, ChatResponse } from '../types.js';
import type { ProviderContext } from './provider-context.js';

/** The conversation a request belongs to (`conversation_id`, or one shared unnamed chain). */
export function chainKey(request: ChatRequest): string {
  return typeof request.conversation_id === 'string' ? request.conversation_id : '';
}

/** The `previous_response_id` this request can send to `target`, when `store` chaining is on. */
export function previousResponseIdFor(
  context: Pick<ProviderContext, 'chain' | 'config'>,
  request: ChatRequest,
  target: FailoverTarget,
): string | undefined {
  const { chain } = context;
  if (chain === undefined || !Array.isArray(request.messages)) return undefined;
  return chain.resolve(
    chainKey(request),
    request.messages,
    chainTarget(target.endpoint ?? context.config.azureEndpoint, target.deployment),
  );
}

/** Remembers the answer of `target` so the next turn of the conversation can chain to it. */
export function recordChain(
  context: Pick<ProviderContext, 'chain' | 'config'>,
  request: ChatRequest,
  response: ChatResponse,
  target: FailoverTarget | undefined,
): void {
  const { chain } = context;
  if (chain === undefined || target === undefined || !Array.isArray(request.messages)) return;
  chain.record(
    chainKey(request),
    request.messages,
    response,
    chainTarget(target.endpoint ?? context.config.azureEndpoint, target.deployment),
  );
}

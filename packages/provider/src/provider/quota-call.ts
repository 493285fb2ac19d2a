import { estimateChatTokens } from '../quota/estimate-chat-tokens.js';
import type { QuotaCall } from '../retry/run-with-quota.js';
import type { ChatRequest } from '../types.js';
import type { PreparedCall } from './prepare-call.js';
import type { ProviderContext } from './provider-context.js';

/**
 * What the quota gate needs of one call: its estimated tokens, how long it may wait for budget
 * in all and per attempt, and the registry to report throttling to.
 */
export function quotaCall(
  context: Pick<ProviderContext, 'config' | 'resolver'>,
  call: Pick<PreparedCall, 'plan'>,
  request: ChatRequest,
): QuotaCall {
  const { config } = context;
  return {
    tokens: estimateChatTokens(request, {
      maxTokens: config.maxTokens,
      modelMaxOutputTokens: call.plan.resolution.capabilities.maxOutputTokens,
    }),
    maxWaitMs: config.timeout * 1000,
    attemptWaitMs: config.failoverRetryAfterThresholdSeconds * 1000,
    registry: context.resolver,
  };
}

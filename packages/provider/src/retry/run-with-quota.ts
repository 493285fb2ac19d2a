import type { Admission } from '@amplifier-azure-openai/deployments';
import { AbortedError } from '../errors/aborted-error.js';
import { AzureOpenAIError } from '../errors/azure-openai-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import type { QuotaRuntime } from '../quota/quota-runtime.js';
import {
  type FailoverTarget,
  type RunWithFailoverOptions,
  runWithFailover,
  type ThrottleRegistry,
} from './run-with-failover.js';

/** What {@link runWithQuota} adds to the failover options. */
export interface QuotaCall {
  /** Estimated tokens of the request (see `estimateChatTokens`). */
  tokens: number;
  /** The longest total wait for budget before the first attempt (the request timeout). */
  maxWaitMs: number;
  /** The longest wait for budget before a retry or failover attempt (the failover threshold). */
  attemptWaitMs: number;
  /** The resolver (its cooldowns are reported to the shared store too). */
  registry: ThrottleRegistry & Parameters<QuotaRuntime['registry']>[0];
}

/**
 * {@link runWithFailover} behind the quota gate: before the first attempt, budget is reserved on
 * the first deployment of the plan that has it (the plan is reordered to start there), waiting for
 * the soonest one when none has; every later attempt (retry or failover) reserves again. A
 * deployment without budget is never sent a request Azure would refuse: the attempt fails with a
 * local {@link RateLimitError} (`code: 'quota_budget_exhausted'`) and the failover logic moves on.
 * Without a runtime (no quotas, no shared state) this is exactly `runWithFailover`.
 */
export async function runWithQuota<T>(
  runtime: QuotaRuntime | undefined,
  call: QuotaCall,
  options: RunWithFailoverOptions<T>,
): Promise<T> {
  if (runtime === undefined) return runWithFailover(options);
  const { gate } = runtime;
  const targets = options.plan.targets;
  if (targets.length === 0) return runWithFailover(options);
  const first = await admit(options, () =>
    gate.admit(targets, { tokens: call.tokens, maxWaitMs: call.maxWaitMs, signal: options.signal }),
  );
  if (!first.ok) throw budgetError(options, first, call.tokens);
  let admitted: FailoverTarget | undefined = first.target;
  let pending: Admission | undefined = first;
  const ordered = [first.target, ...targets.filter(target => target !== first.target)];
  return runWithFailover({
    ...options,
    plan: { targets: ordered, skipped: options.plan.skipped, allCoolingDown: false },
    registry: runtime.registry(call.registry),
    attempt: async (target, attemptIndex) => {
      if (admitted !== target) {
        const admission = await admit(options, () =>
          gate.admit([target], {
            tokens: call.tokens,
            maxWaitMs: call.attemptWaitMs,
            signal: options.signal,
          }),
        );
        if (!admission.ok) throw budgetError(options, admission, call.tokens);
        pending = admission;
      }
      admitted = undefined;
      const admission = pending;
      pending = undefined;
      try {
        return await options.attempt(target, attemptIndex);
      } finally {
        if (admission !== undefined) gate.settle(admission);
      }
    },
  });
}

async function admit<T>(
  options: RunWithFailoverOptions<T>,
  run: () => Promise<Admission>,
): Promise<Admission> {
  try {
    return await run();
  } catch (error) {
    // Only the gate's sleep throws, and only when the call's signal aborts.
    const reason = options.signal?.reason;
    if (AzureOpenAIError.isInstance(reason)) throw reason;
    const translated = options.translate(
      new DOMException('The request was cancelled.', 'AbortError'),
      undefined,
    );
    throw AbortedError.isInstance(translated) ? translated : options.translate(error, undefined);
  }
}

function budgetError<T>(
  options: RunWithFailoverOptions<T>,
  admission: Extract<Admission, { ok: false }>,
  tokens: number,
): RateLimitError {
  const why =
    admission.reason === 'cooldown'
      ? 'is cooling down after a 429'
      : admission.reason === 'learned'
        ? 'said in its x-ratelimit headers that it has too little left'
        : `has no ${admission.reason === 'tokens' ? 'token' : 'request'} budget left in this window`;
  return new RateLimitError({
    message: `Not sent: deployment '${admission.target.deployment}' ${why} for ~${tokens} tokens of model '${options.model}'; budget frees up in ${Math.ceil(admission.retryAfterMs)} ms.`,
    fix: 'Retry after `retryAfterMs`, add failover deployments in `deployment_mapping`, or raise the deployment quota (and `deployment_quotas`).',
    status: 429,
    code: 'quota_budget_exhausted',
    retryable: true,
    retryAfterMs: admission.retryAfterMs,
    deployment: admission.target.deployment,
    endpoint: admission.target.endpoint,
    model: options.model,
    throttledDeployments: [admission.target.deployment],
  });
}

import { AbortedError } from '../errors/aborted-error.js';
import { AzureOpenAIError } from '../errors/azure-openai-error.js';
import { translateError } from '../errors/translate-error.js';
import type { PreparedCall } from './prepare-call.js';
import { errorContext, type ProviderContext } from './provider-context.js';

/**
 * The error a failed call rejects with: {@link AbortedError} when close() cancelled it, the
 * reason of its own abort when that is typed (stream idle timeout), a cancellation when its signal
 * fired, else `thrown` translated.
 */
export function finalError(
  context: Pick<ProviderContext, 'state' | 'auth' | 'config'>,
  call: Pick<PreparedCall, 'model' | 'plan' | 'signal'>,
  thrown: unknown,
): AzureOpenAIError {
  if (context.state.closed && call.signal?.aborted) {
    return new AbortedError({
      message: 'The request was cancelled because the provider was closed.',
      model: call.model,
      cause: thrown,
    });
  }
  if (call.signal?.aborted && AzureOpenAIError.isInstance(call.signal.reason)) {
    return call.signal.reason;
  }
  const error = translateError(
    thrown,
    errorContext(context, call.model, call.plan.resolution.rule),
  );
  if (call.signal?.aborted && !AbortedError.isInstance(error)) {
    return translateError(new DOMException('The request was cancelled.', 'AbortError'), {
      model: call.model,
    });
  }
  return error;
}

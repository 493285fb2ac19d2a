import { describe, expect, it } from 'vitest';
import { testContext } from '../__fixtures__/provider-context.js';
import { AbortedError } from '../errors/aborted-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { finalError } from './final-error.js';
import { prepareCall } from './prepare-call.js';

const HI = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('finalError', () => {
  it('is an AbortedError naming close() when the provider closed under the call', () => {
    const { context } = testContext([]);
    const call = prepareCall(context, HI, undefined, true);
    call.abort('closed');
    context.state.closed = true;
    const error = finalError(context, call, new Error('x'));
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.message).toMatch(/provider was closed/);
  });

  it("is the call's own typed abort reason (idle timeout)", () => {
    const { context } = testContext([]);
    const call = prepareCall(context, HI, undefined, true);
    const reason = new TimeoutError({ message: 'idle', code: 'stream_idle_timeout' });
    call.abort(reason);
    expect(finalError(context, call, new Error('x'))).toBe(reason);
  });

  it('is a cancellation when the signal fired, else the translated error', () => {
    const { context } = testContext([]);
    const aborted = prepareCall(context, HI, undefined, true);
    aborted.abort('stop');
    expect(finalError(context, aborted, new Error('boom'))).toBeInstanceOf(AbortedError);
    const plain = prepareCall(context, HI, undefined, false);
    const error = finalError(context, plain, new Error('boom'));
    expect(error).not.toBeInstanceOf(AbortedError);
    expect(error.endpoint).toBe('https://unit.openai.azure.com');
  });
});

import { describe, expect, it } from 'vitest';
import { testContext } from '../__fixtures__/provider-context.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { ProviderClosedError } from '../errors/provider-closed-error.js';
import { linkSignal, prepareCall } from './prepare-call.js';

const HI = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('prepareCall', () => {
  it('resolves the default model to a plan and passes no signal on the fast path', () => {
    const { context } = testContext([], { default_model: 'gpt-4o' });
    const call = prepareCall(context, HI, undefined, false);
    expect(call.model).toBe('gpt-4o');
    expect(call.plan.targets[0]?.deployment).toBe('gpt-4o');
    expect(call.signal).toBeUndefined();
    expect(context.inFlight.size).toBe(0);
  });

  it('links a per-call signal for streams, released afterwards', () => {
    const { context } = testContext([]);
    const call = prepareCall(context, HI, undefined, true);
    expect(call.signal?.aborted).toBe(false);
    expect(context.inFlight.size).toBe(1);
    call.release();
    expect(context.inFlight.size).toBe(0);
  });

  it('rejects a request without messages with a typed error and a fix', () => {
    const { context } = testContext([]);
    expect(() => prepareCall(context, null as never, undefined, false)).toThrow(
      InvalidRequestError,
    );
    expect(() => prepareCall(context, [] as never, undefined, false)).toThrow(/an array/);
  });

  it("wraps the resolver's error, keeping its code and fix", () => {
    const { context } = testContext([]);
    const resolver = {
      ...context.resolver,
      plan: () => {
        throw Object.assign(new Error('bad name'), { code: 'invalid_model_name', fix: 'Rename.' });
      },
    };
    try {
      prepareCall({ ...context, resolver }, HI, undefined, false);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error).toMatchObject({ code: 'invalid_model_name', fix: 'Rename.', param: 'model' });
    }
  });

  it('refuses calls after close()', () => {
    const { context } = testContext([]);
    context.state.closed = true;
    expect(() => prepareCall(context, HI, undefined, false)).toThrow(ProviderClosedError);
  });
});

describe('linkSignal', () => {
  it("follows the caller's signal and stops listening on release", () => {
    const inFlight = new Set<AbortController>();
    const caller = new AbortController();
    const linked = linkSignal({ inFlight }, caller.signal);
    linked.release();
    caller.abort('late');
    expect(linked.controller.signal.aborted).toBe(false);
    expect(inFlight.size).toBe(0);

    const second = linkSignal({ inFlight }, caller.signal);
    expect(second.controller.signal.aborted).toBe(true);
    expect(second.controller.signal.reason).toBe('late');
    expect(inFlight.size).toBe(0);
  });

  it("aborts with the caller's reason", () => {
    const inFlight = new Set<AbortController>();
    const caller = new AbortController();
    const linked = linkSignal({ inFlight }, caller.signal);
    caller.abort('stop');
    expect(linked.controller.signal.reason).toBe('stop');
  });
});

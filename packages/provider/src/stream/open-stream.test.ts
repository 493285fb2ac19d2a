import { describe, expect, it } from 'vitest';
import { loadChunks } from '../__fixtures__/load-fixture.js';
import { testContext } from '../__fixtures__/provider-context.js';
import { AzureOpenAIError } from '../errors/azure-openai-error.js';
import { prepareCall } from '../provider/prepare-call.js';
import { openStream, streamErrorToError } from './open-stream.js';

const HI = { messages: [{ role: 'user' as const, content: 'hi' }] };

function watchdog() {
  let touched = 0;
  return {
    touch: () => {
      touched++;
    },
    get touched() {
      return touched;
    },
  };
}

describe('openStream', () => {
  it('sends stream: true and reads until the first Amplifier event', async () => {
    const { context, requests } = testContext([{ sse: loadChunks('text.chunks.txt') }]);
    const call = prepareCall(context, HI, undefined, true);
    const target = call.plan.targets[0] ?? { deployment: 'gpt-4o' };
    const dog = watchdog();
    const opened = await openStream(context, call, HI, target, dog, undefined);
    expect(requests[0]?.body.stream).toBe(true);
    expect(opened.pending.length).toBeGreaterThan(0);
    expect(opened.ended).toBe(false);
    expect(opened.received).toBeGreaterThan(0);
    expect(opened.target).toBe(target);
    expect(dog.touched).toBeGreaterThan(opened.received);
    opened.reader.cancel();
    call.release();
  });

  it('throws a typed error for a failed response before anything is yielded', async () => {
    const { context } = testContext([
      {
        sse: [
          {
            type: 'error',
            sequence_number: 0,
            code: 'server_error',
            message: 'The server had an error.',
            param: null,
          },
        ],
      },
    ]);
    const call = prepareCall(context, HI, undefined, true);
    const target = call.plan.targets[0] ?? { deployment: 'gpt-4o' };
    const error = await openStream(context, call, HI, target, watchdog(), undefined).catch(
      thrown => thrown,
    );
    expect(AzureOpenAIError.isInstance(error)).toBe(true);
    expect(error.deployment).toBe(target.deployment);
    call.release();
  });
});

describe('streamErrorToError', () => {
  it('keeps the deployment and model of the context', () => {
    const error = streamErrorToError(
      { code: 'server_error', message: 'The server had an error.' },
      { model: 'gpt-4o', deployment: 'd1', endpoint: 'https://e' },
    );
    expect(error).toMatchObject({ deployment: 'd1', model: 'gpt-4o' });
  });
});

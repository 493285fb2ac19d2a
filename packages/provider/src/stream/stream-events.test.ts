import { describe, expect, it } from 'vitest';
import { loadChunks } from '../__fixtures__/load-fixture.js';
import { testContext } from '../__fixtures__/provider-context.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import { prepareCall } from '../provider/prepare-call.js';
import type { ProviderStreamEvent } from '../types.js';
import { interrupted, streamEvents } from './stream-events.js';

const HI = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('streamEvents', () => {
  it('yields the events and reports llm:response before message.end', async () => {
    const { context, events } = testContext([{ sse: loadChunks('text.chunks.txt') }]);
    const seen: ProviderStreamEvent['type'][] = [];
    for await (const event of streamEvents(context, HI)) {
      if (event.type === 'message.end') {
        expect(events.map(([name]) => name)).toContain('llm:response');
      }
      seen.push(event.type);
    }
    expect(seen.at(-1)).toBe('message.end');
    expect(context.inFlight.size).toBe(0);
  });

  it('closes the connection when the consumer stops early', async () => {
    const { context } = testContext([{ sse: loadChunks('text.chunks.txt') }]);
    for await (const _event of streamEvents(context, HI)) break;
    expect(context.inFlight.size).toBe(0);
  });
});

describe('interrupted', () => {
  it('is a StreamInterruptedError counting the events received', () => {
    const { context } = testContext([]);
    const call = prepareCall(context, HI, undefined, true);
    const error = interrupted(
      context,
      new Error('socket closed'),
      call,
      { target: { deployment: 'd1' }, received: 7, requestId: 'r1', clientRequestId: 'c1' },
      { model: call.model, deployment: 'd1' },
    );
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error.message).toMatch(/after 7 events: socket closed/);
    expect(error).toMatchObject({ requestId: 'r1', clientRequestId: 'c1' });
    call.release();
  });
});

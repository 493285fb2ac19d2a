/**
 * A reasoning model's streamed tool-call turn replays against the strict emulator (Azure's item
 * pairing rules, store: false): the reasoning item goes back right before its original follower,
 * the `fc_` id included, and the second turn is answered.
 */
import { describe, expect, it } from 'vitest';
import type { ChatRequest, ChatResponse } from '../src/index.js';
import { providerFor, useTestEmulator, WEATHER_TOOL } from './harness.js';

const emulator = useTestEmulator();

describe('reasoning replay (strict emulator)', () => {
  it('replays a streamed reasoning + tool-call turn with the follower ids', async () => {
    const { provider } = providerFor(emulator(), { settings: { reasoning_summary: 'auto' } });
    const request: ChatRequest = {
      model: 'gpt-5',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [WEATHER_TOOL],
    };
    let first: ChatResponse | undefined;
    for await (const event of provider.stream(request)) {
      if (event.type === 'message.end') first = event.response;
    }
    if (first === undefined) throw new Error('no message.end');
    const [thinking, call] = first.content;
    expect(thinking?.type).toBe('thinking');
    expect(call?.type === 'tool_call' ? call.item_id : undefined).toMatch(/^fc_/);
    const second = await provider.complete({
      ...request,
      messages: [
        ...request.messages,
        { role: 'assistant', content: first.content },
        ...(first.tool_calls ?? []).map(entry => ({
          role: 'tool' as const,
          tool_call_id: entry.id,
          content: 'rain',
        })),
      ],
    });
    expect(second.finish_reason).toBe('stop');
    const input = emulator().recorder.responsesRequests()[1]?.body as {
      input: Array<Record<string, unknown>>;
    };
    const reasoningAt = input.input.findIndex(item => item.type === 'reasoning');
    expect(input.input[reasoningAt + 1]).toMatchObject({
      type: 'function_call',
      id: call?.type === 'tool_call' ? call.item_id : 'missing',
    });
    await provider.close();
  });
});

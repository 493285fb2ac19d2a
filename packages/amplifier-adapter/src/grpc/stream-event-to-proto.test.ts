import { describe, expect, it } from 'vitest';
import { streamEventToProto } from './stream-event-to-proto.js';

describe('streamEventToProto', () => {
  it('sends text and thinking deltas as one-block messages marked with the event type', () => {
    expect(streamEventToProto({ type: 'text.delta', text: 'Hel' })).toEqual({
      content: '[{"type":"text","text":"Hel"}]',
      content_blocks: [{ text_block: { text: 'Hel' } }],
      metadata_json: '{"stream_event":"text.delta"}',
    });
    expect(streamEventToProto({ type: 'thinking.delta', text: 'hmm' })?.content_blocks).toEqual([
      { thinking_block: { thinking: 'hmm' } },
    ]);
  });

  it('sends a finished tool call, and skips start/delta/error events', () => {
    expect(
      streamEventToProto({ type: 'tool_call.end', id: 'c1', name: 'f', arguments: { a: 1 } })
        ?.tool_calls,
    ).toEqual([{ id: 'c1', name: 'f', arguments_json: '{"a":1}' }]);
    expect(streamEventToProto({ type: 'tool_call.start', id: 'c1', name: 'f' })).toBeUndefined();
    expect(
      streamEventToProto({ type: 'tool_call.delta', id: 'c1', arguments_fragment: '{' }),
    ).toBeUndefined();
    expect(streamEventToProto({ type: 'error', error: { message: 'x' } })).toBeUndefined();
  });

  it('sends the complete response last', () => {
    const last = streamEventToProto({
      type: 'message.end',
      response: {
        content: [{ type: 'text', text: 'Hello' }],
        finish_reason: 'stop',
        usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
      },
    });
    expect(last?.finish_reason).toBe('stop');
    expect(last?.usage).toEqual({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 });
    expect(last?.metadata_json).toBe('');
  });
});

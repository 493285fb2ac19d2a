import type { ProviderStreamEvent } from '../provider-shapes.js';
import { nativeChatResponseToProto, nativeToolCallToProto } from './native-to-proto.js';
import type { ProtoChatResponse } from './proto-types.js';

/**
 * Converts one provider stream event to the `ChatResponse` message sent on `CompleteStreaming`,
 * or `undefined` for events with no message of their own (`tool_call.start`, `tool_call.delta`).
 *
 * Convention: every message but the last is a delta with an empty `finish_reason` and
 * `metadata_json` `{"stream_event":"<type>"}`: a text or thinking fragment in `content_blocks`
 * (and `content`), or one finished tool call in `tool_calls`. The last message (`message.end`) is
 * the complete response, identical to what `Complete` returns; it is the authoritative one.
 */
export function streamEventToProto(event: ProviderStreamEvent): ProtoChatResponse | undefined {
  const marker = JSON.stringify({ stream_event: event.type });
  switch (event.type) {
    case 'text.delta':
      return {
        content: JSON.stringify([{ type: 'text', text: event.text }]),
        content_blocks: [{ text_block: { text: event.text } }],
        metadata_json: marker,
      };
    case 'thinking.delta':
      return {
        content: JSON.stringify([{ type: 'thinking', thinking: event.text }]),
        content_blocks: [{ thinking_block: { thinking: event.text } }],
        metadata_json: marker,
      };
    case 'tool_call.end':
      return {
        content: '[]',
        tool_calls: [
          nativeToolCallToProto({ id: event.id, name: event.name, arguments: event.arguments }),
        ],
        metadata_json: marker,
      };
    case 'message.end':
      return nativeChatResponseToProto(event.response);
    default:
      return undefined;
  }
}

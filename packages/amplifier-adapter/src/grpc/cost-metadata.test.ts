import { describe, expect, it } from 'vitest';
import { nativeChatResponseToProto } from './native-to-proto.js';
import { protoChatResponseToNative } from './proto-to-native.js';

describe('usage.cost_usd over gRPC (proto Usage has no cost field)', () => {
  const response = {
    content: [{ type: 'text' as const, text: 'hi' }],
    usage: { input_tokens: 10, output_tokens: 2, total_tokens: 12, cost_usd: '0.000045' },
    metadata: { deployment: 'gpt-4o' },
  };

  it('travels as cost_usd in metadata_json and comes back into usage', () => {
    const proto = nativeChatResponseToProto(response);
    expect(proto.usage).not.toHaveProperty('cost_usd');
    expect(JSON.parse(proto.metadata_json ?? '')).toEqual({
      deployment: 'gpt-4o',
      cost_usd: '0.000045',
    });
    const back = protoChatResponseToNative(proto);
    expect(back.usage).toEqual(response.usage);
    expect(back.metadata).toEqual(response.metadata);
  });

  it('adds nothing without a cost, and works without metadata', () => {
    const { cost_usd: _, ...usage } = response.usage;
    expect(
      JSON.parse(nativeChatResponseToProto({ ...response, usage }).metadata_json ?? ''),
    ).toEqual({
      deployment: 'gpt-4o',
    });
    const bare = nativeChatResponseToProto({ content: [], usage: response.usage });
    expect(JSON.parse(bare.metadata_json ?? '')).toEqual({ cost_usd: '0.000045' });
  });
});

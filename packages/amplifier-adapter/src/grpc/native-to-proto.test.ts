import { describe, expect, it } from 'vitest';
import type { ChatResponse, ContentBlock } from '../provider-shapes.js';
import {
  nativeChatResponseToProto,
  nativeConfigFieldToProto,
  nativeContentBlockToProto,
  nativeModelInfoToProto,
  nativeProviderInfoToProto,
  nativeToolCallToProto,
  nativeUsageToProto,
  toInt32,
} from './native-to-proto.js';
import { protoChatResponseToNative, protoContentBlockToNative } from './proto-to-native.js';

describe('nativeContentBlockToProto', () => {
  it('converts every block type and visibility', () => {
    expect(nativeContentBlockToProto({ type: 'text', text: 'a', visibility: 'internal' })).toEqual({
      text_block: { text: 'a' },
      visibility: 'VISIBILITY_LLM_ONLY',
    });
    expect(
      nativeContentBlockToProto({ type: 'thinking', thinking: 't', content: ['enc', 'rs_1'] }),
    ).toEqual({
      thinking_block: { thinking: 't', signature: '', content: '["enc","rs_1"]' },
      visibility: 'VISIBILITY_UNSPECIFIED',
    });
    expect(
      nativeContentBlockToProto({
        type: 'tool_call',
        id: 'c',
        name: 'f',
        input: { x: 1 },
        visibility: 'developer',
      }),
    ).toEqual({
      tool_call_block: { id: 'c', name: 'f', input_json: '{"x":1}' },
      visibility: 'VISIBILITY_ALL',
    });
    expect(
      nativeContentBlockToProto({
        type: 'tool_result',
        tool_call_id: 'c',
        output: 'sunny',
        visibility: 'user',
      }),
    ).toEqual({
      tool_result_block: { tool_call_id: 'c', output_json: '"sunny"' },
      visibility: 'VISIBILITY_USER_ONLY',
    });
    expect(
      nativeContentBlockToProto({ type: 'reasoning', content: [{ a: 1 }], summary: ['s'] }),
    ).toEqual({
      reasoning_block: { content: ['{"a":1}'], summary: ['"s"'] },
      visibility: 'VISIBILITY_UNSPECIFIED',
    });
    const image = nativeContentBlockToProto({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: 'AQID' },
    });
    expect(image?.image_block?.media_type).toBe('image/png');
    expect([...((image?.image_block?.data ?? new Uint8Array()) as Uint8Array)]).toEqual([1, 2, 3]);
    expect(
      nativeContentBlockToProto({ type: 'mystery' } as unknown as ContentBlock),
    ).toBeUndefined();
  });

  it('round-trips through protoContentBlockToNative', () => {
    const blocks: ContentBlock[] = [
      { type: 'text', text: 'hello', visibility: 'user' },
      { type: 'thinking', thinking: 'why', signature: 'sig', content: ['enc', 'rs_9'] },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'tool_call', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_result', tool_call_id: 'call_1', output: { temp: 21 } },
      { type: 'image', source: { type: 'url', url: 'https://example.test/a.png' } },
      {
        type: 'reasoning',
        content: [{ type: 'reasoning_text', text: 'r' }],
        summary: [{ type: 'summary_text', text: 's' }],
      },
    ];
    for (const block of blocks) {
      const proto = nativeContentBlockToProto(block);
      expect(proto).toBeDefined();
      expect(protoContentBlockToNative(proto ?? {}, 'b')).toEqual(block);
    }
  });
});

describe('nativeChatResponseToProto', () => {
  const response: ChatResponse = {
    content: [
      { type: 'text', text: 'Checking.', item_id: 'msg_1' },
      { type: 'tool_call', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
    ],
    tool_calls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }],
    usage: { input_tokens: 12, output_tokens: 7, total_tokens: 19, reasoning_tokens: 3 },
    finish_reason: 'tool_calls',
    metadata: { deployment: 'gpt-5-prod', request_id: 'req-1' },
  };

  it('fills typed blocks, the legacy JSON content, tool calls, usage, finish reason and metadata', () => {
    const proto = nativeChatResponseToProto(response);
    expect(JSON.parse(proto.content ?? '')).toEqual(response.content);
    expect(proto.content_blocks).toHaveLength(2);
    expect(proto.tool_calls).toEqual([
      { id: 'call_1', name: 'get_weather', arguments_json: '{"city":"Paris"}' },
    ]);
    expect(proto.usage).toEqual({
      prompt_tokens: 12,
      completion_tokens: 7,
      total_tokens: 19,
      reasoning_tokens: 3,
    });
    expect(proto.finish_reason).toBe('tool_calls');
    expect(JSON.parse(proto.metadata_json ?? '')).toEqual(response.metadata);
  });

  it('round-trips through protoChatResponseToNative (vendor fields dropped from typed blocks only)', () => {
    const back = protoChatResponseToNative(nativeChatResponseToProto(response));
    expect(back.tool_calls).toEqual(response.tool_calls);
    expect(back.usage).toEqual(response.usage);
    expect(back.content).toEqual([
      { type: 'text', text: 'Checking.' },
      { type: 'tool_call', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
    ]);
  });

  it('sends empty strings for unset optionals', () => {
    expect(nativeChatResponseToProto({ content: [] })).toEqual({
      content: '[]',
      content_blocks: [],
      tool_calls: [],
      finish_reason: '',
      metadata_json: '',
    });
  });
});

describe('usage, tool calls and metadata conversions', () => {
  it('renames usage fields and clamps to int32', () => {
    expect(
      nativeUsageToProto({
        input_tokens: 1,
        output_tokens: 2,
        total_tokens: 3,
        cache_read_tokens: 4,
        cache_write_tokens: 5,
      }),
    ).toEqual({
      prompt_tokens: 1,
      completion_tokens: 2,
      total_tokens: 3,
      cache_read_tokens: 4,
      cache_creation_tokens: 5,
    });
    expect(toInt32(2 ** 40)).toBe(2_147_483_647);
    expect(toInt32(-1)).toBe(0);
    expect(toInt32(Number.NaN)).toBe(0);
  });

  it('encodes tool call arguments as JSON', () => {
    expect(nativeToolCallToProto({ id: 'a', name: 'b', arguments: {} })).toEqual({
      id: 'a',
      name: 'b',
      arguments_json: '{}',
    });
  });

  it('converts ModelInfo (defaults as JSON)', () => {
    expect(
      nativeModelInfoToProto({
        id: 'gpt-5',
        display_name: 'GPT-5',
        context_window: 400000,
        max_output_tokens: 128000,
        capabilities: ['tools', 'reasoning'],
        defaults: { max_output_tokens: 4096 },
        cost_per_input_token: 1e-6,
      }),
    ).toEqual({
      id: 'gpt-5',
      display_name: 'GPT-5',
      context_window: 400000,
      max_output_tokens: 128000,
      capabilities: ['tools', 'reasoning'],
      defaults_json: '{"max_output_tokens":4096}',
    });
  });

  it('converts ProviderInfo and ConfigField types', () => {
    const info = nativeProviderInfoToProto({
      id: 'azure-openai',
      display_name: 'Azure OpenAI',
      credential_env_vars: ['AZURE_OPENAI_API_KEY'],
      capabilities: ['streaming'],
      defaults: { model: 'gpt-5' },
      config_fields: [
        {
          id: 'api_key',
          display_name: 'API key',
          field_type: 'secret',
          prompt: 'Key',
          env_var: 'AZURE_OPENAI_API_KEY',
          required: false,
          requires_model: false,
        },
        {
          id: 'reasoning_effort',
          display_name: 'Effort',
          field_type: 'choice',
          prompt: 'Effort',
          choices: ['low', 'high'],
          required: false,
          default: 'low',
          show_when: { use: 'yes' },
          requires_model: true,
        },
      ],
    });
    expect(info.defaults_json).toBe('{"model":"gpt-5"}');
    expect(info.config_fields[0]).toEqual({
      id: 'api_key',
      display_name: 'API key',
      field_type: 'CONFIG_FIELD_TYPE_SECRET',
      prompt: 'Key',
      env_var: 'AZURE_OPENAI_API_KEY',
      choices: [],
      required: false,
      default_value: '',
      show_when: {},
      requires_model: false,
    });
    expect(info.config_fields[1]).toMatchObject({
      field_type: 'CONFIG_FIELD_TYPE_STRING',
      choices: ['low', 'high'],
      default_value: 'low',
      show_when: { use: 'yes' },
      requires_model: true,
    });
    expect(
      nativeConfigFieldToProto({
        id: 'b',
        display_name: 'B',
        field_type: 'boolean',
        prompt: '',
        required: true,
        requires_model: false,
      }).field_type,
    ).toBe('CONFIG_FIELD_TYPE_BOOLEAN');
  });
});

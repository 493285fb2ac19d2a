import { describe, expect, it } from 'vitest';
import { ProtoConversionError } from './proto-conversion-error.js';
import {
  protoChatRequestToNative,
  protoChatResponseToNative,
  protoContentBlockToNative,
  protoMessageToNative,
  protoRoleToNative,
  protoToolCallToNative,
  protoUsageToNative,
} from './proto-to-native.js';

function conversionError(fn: () => unknown): ProtoConversionError {
  try {
    fn();
  } catch (error) {
    if (ProtoConversionError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ProtoConversionError');
}

describe('protoRoleToNative', () => {
  it('maps every role enum name and number', () => {
    expect(protoRoleToNative('ROLE_SYSTEM')).toBe('system');
    expect(protoRoleToNative('ROLE_USER')).toBe('user');
    expect(protoRoleToNative('ROLE_ASSISTANT')).toBe('assistant');
    expect(protoRoleToNative('ROLE_TOOL')).toBe('tool');
    expect(protoRoleToNative('ROLE_FUNCTION')).toBe('function');
    expect(protoRoleToNative('ROLE_DEVELOPER')).toBe('developer');
    expect(protoRoleToNative(6)).toBe('developer');
  });

  it('rejects ROLE_UNSPECIFIED and unknown values naming the field', () => {
    const error = conversionError(() => protoRoleToNative('ROLE_UNSPECIFIED', 'messages[0].role'));
    expect(error.field).toBe('messages[0].role');
    expect(error.message).toMatch(/ROLE_USER/);
    expect(conversionError(() => protoRoleToNative(42)).message).toMatch(/42/);
  });
});

describe('protoMessageToNative', () => {
  it('keeps text_content as a string and drops empty optionals', () => {
    expect(
      protoMessageToNative({
        role: 'ROLE_USER',
        text_content: 'hi',
        name: '',
        tool_call_id: '',
        metadata_json: '',
        content: 'text_content',
      }),
    ).toEqual({
      role: 'user',
      content: 'hi',
    });
  });

  it('converts block_content, name, tool_call_id and metadata_json', () => {
    const message = protoMessageToNative({
      role: 'ROLE_TOOL',
      block_content: {
        blocks: [{ tool_result_block: { tool_call_id: 'call_1', output_json: '{"temp":21}' } }],
      },
      name: 'get_weather',
      tool_call_id: 'call_1',
      metadata_json: '{"turn":2}',
      content: 'block_content',
    });
    expect(message).toEqual({
      role: 'tool',
      content: [{ type: 'tool_result', tool_call_id: 'call_1', output: { temp: 21 } }],
      name: 'get_weather',
      tool_call_id: 'call_1',
      metadata: { turn: 2 },
    });
  });

  it('rejects a message without content', () => {
    const error = conversionError(() => protoMessageToNative({ role: 'ROLE_USER' }, 'messages[3]'));
    expect(error.field).toBe('messages[3].content');
  });
});

describe('protoContentBlockToNative', () => {
  it('converts every block type with its visibility', () => {
    expect(
      protoContentBlockToNative(
        { text_block: { text: 'a' }, visibility: 'VISIBILITY_USER_ONLY' },
        'b',
      ),
    ).toEqual({
      type: 'text',
      text: 'a',
      visibility: 'user',
    });
    expect(
      protoContentBlockToNative(
        {
          thinking_block: { thinking: 'plan', signature: 'sig', content: '["enc","rs_1"]' },
          visibility: 'VISIBILITY_LLM_ONLY',
        },
        'b',
      ),
    ).toEqual({
      type: 'thinking',
      thinking: 'plan',
      signature: 'sig',
      content: ['enc', 'rs_1'],
      visibility: 'internal',
    });
    expect(
      protoContentBlockToNative(
        { redacted_thinking_block: { data: 'xx' }, visibility: 'VISIBILITY_ALL' },
        'b',
      ),
    ).toEqual({
      type: 'redacted_thinking',
      data: 'xx',
      visibility: 'developer',
    });
    expect(
      protoContentBlockToNative(
        { tool_call_block: { id: 'c1', name: 'f', input_json: '{"x":1}' } },
        'b',
      ),
    ).toEqual({
      type: 'tool_call',
      id: 'c1',
      name: 'f',
      input: { x: 1 },
    });
    expect(
      protoContentBlockToNative({ tool_call_block: { id: 'c1', name: 'f', input_json: '' } }, 'b'),
    ).toEqual({
      type: 'tool_call',
      id: 'c1',
      name: 'f',
      input: {},
    });
    expect(
      protoContentBlockToNative(
        {
          reasoning_block: {
            content: ['{"type":"reasoning_text","text":"t"}'],
            summary: ['"s"', 'plain'],
          },
        },
        'b',
      ),
    ).toEqual({
      type: 'reasoning',
      content: [{ type: 'reasoning_text', text: 't' }],
      summary: ['s', 'plain'],
    });
  });

  it('reads images from source_json, or from bytes and media_type', () => {
    expect(
      protoContentBlockToNative(
        {
          image_block: {
            media_type: 'image/png',
            data: Buffer.alloc(0),
            source_json: '{"type":"url","url":"https://x/y.png"}',
          },
        },
        'b',
      ),
    ).toEqual({ type: 'image', source: { type: 'url', url: 'https://x/y.png' } });
    expect(
      protoContentBlockToNative(
        { image_block: { media_type: 'image/png', data: Buffer.from([1, 2, 3]), source_json: '' } },
        'b',
      ),
    ).toEqual({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AQID' } });
  });

  it('keeps malformed input_json as raw_arguments with the parse error (never {} alone); rejects bad output_json', () => {
    expect(
      protoContentBlockToNative(
        { tool_call_block: { id: 'c', name: 'f', input_json: '{"city":"San Fra' } },
        'messages[1].block_content.blocks[0]',
      ),
    ).toEqual({
      type: 'tool_call',
      id: 'c',
      name: 'f',
      input: {},
      raw_arguments: '{"city":"San Fra',
      parse_error: expect.stringMatching(/not valid JSON/),
    });
    expect(
      protoContentBlockToNative(
        { tool_call_block: { id: 'c', name: 'f', input_json: '[1]' } },
        'b',
      ),
    ).toMatchObject({ raw_arguments: '[1]', parse_error: expect.stringMatching(/JSON object/) });
    const output = conversionError(() =>
      protoContentBlockToNative(
        { tool_result_block: { tool_call_id: 'c', output_json: 'not json' } },
        'b',
      ),
    );
    expect(output.field).toBe('b.tool_result_block.output_json');
  });

  it('rejects a block with nothing set', () => {
    expect(
      conversionError(() => protoContentBlockToNative({ visibility: 'VISIBILITY_ALL' }, 'blk'))
        .field,
    ).toBe('blk');
  });
});

describe('protoChatRequestToNative', () => {
  it('treats zero and empty scalars as unset', () => {
    expect(
      protoChatRequestToNative({
        messages: [{ role: 'ROLE_USER', text_content: 'hi' }],
        tools: [],
        temperature: 0,
        top_p: 0,
        max_output_tokens: 0,
        conversation_id: '',
        stream: false,
        metadata_json: '',
        model: '',
        tool_choice: '',
        stop: [],
        reasoning_effort: '',
        timeout: 0,
      }),
    ).toEqual({ messages: [{ role: 'user', content: 'hi' }] });
  });

  it('converts every set field', () => {
    const request = protoChatRequestToNative({
      messages: [{ role: 'ROLE_SYSTEM', text_content: 'be brief' }],
      tools: [
        { name: 'get_weather', description: 'Weather', parameters_json: '{"type":"object"}' },
      ],
      response_format: { json_schema: { schema_json: '{"type":"object"}', strict: true } },
      temperature: 0.2,
      top_p: 0.9,
      max_output_tokens: 100,
      conversation_id: 'conv',
      stream: true,
      metadata_json: '{"a":1}',
      model: 'gpt-5',
      tool_choice: 'required',
      stop: ['END'],
      reasoning_effort: 'low',
      timeout: 30,
    });
    expect(request).toEqual({
      messages: [{ role: 'system', content: 'be brief' }],
      tools: [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object' } }],
      response_format: { type: 'json_schema', schema: { type: 'object' }, strict: true },
      temperature: 0.2,
      top_p: 0.9,
      max_output_tokens: 100,
      conversation_id: 'conv',
      stream: true,
      metadata: { a: 1 },
      model: 'gpt-5',
      tool_choice: 'required',
      stop: ['END'],
      reasoning_effort: 'low',
      timeout: 30,
    });
  });

  it('decodes a JSON tool_choice object and the text/json response formats', () => {
    expect(
      protoChatRequestToNative({ tool_choice: '{"type":"function","name":"f"}' }).tool_choice,
    ).toEqual({
      type: 'function',
      name: 'f',
    });
    expect(protoChatRequestToNative({ response_format: { json: true } }).response_format).toEqual({
      type: 'json',
    });
    expect(protoChatRequestToNative({ response_format: { text: true } }).response_format).toEqual({
      type: 'text',
    });
  });

  it('names the field for invalid JSON', () => {
    expect(
      conversionError(() =>
        protoChatRequestToNative({ tools: [{ name: 't', parameters_json: '{' }] }),
      ).field,
    ).toBe('tools[0].parameters_json');
    expect(conversionError(() => protoChatRequestToNative({ metadata_json: 'x' })).field).toBe(
      'metadata_json',
    );
    expect(conversionError(() => protoChatRequestToNative({ tools: [{ name: '' }] })).field).toBe(
      'tools[0].name',
    );
  });
});

describe('protoChatResponseToNative', () => {
  it('reads typed content blocks, tool calls, usage and metadata', () => {
    const response = protoChatResponseToNative({
      content: 'ignored when blocks exist',
      content_blocks: [{ text_block: { text: 'hello' } }],
      tool_calls: [{ id: 'c1', name: 'f', arguments_json: '{"q":"x"}' }],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        cache_creation_tokens: 2,
      },
      degradation: { requested: 'a', actual: 'b', reason: 'c' },
      finish_reason: 'tool_calls',
      metadata_json: '{"deployment":"d"}',
    });
    expect(response).toEqual({
      content: [{ type: 'text', text: 'hello' }],
      tool_calls: [{ id: 'c1', name: 'f', arguments: { q: 'x' } }],
      usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15, cache_write_tokens: 2 },
      degradation: { requested: 'a', actual: 'b', reason: 'c' },
      finish_reason: 'tool_calls',
      metadata: { deployment: 'd' },
    });
  });

  it('falls back to the legacy content field (JSON blocks or plain text)', () => {
    expect(protoChatResponseToNative({ content: '[{"type":"text","text":"a"}]' }).content).toEqual([
      { type: 'text', text: 'a' },
    ]);
    expect(protoChatResponseToNative({ content: 'plain' }).content).toEqual([
      { type: 'text', text: 'plain' },
    ]);
    expect(protoChatResponseToNative({ content: '' }).content).toEqual([]);
  });

  it('keeps malformed arguments_json as raw_arguments with the parse error', () => {
    const native = protoChatResponseToNative({
      tool_calls: [{ id: 'a', name: 'b', arguments_json: '{"x":' }],
    });
    expect(native.tool_calls).toEqual([
      {
        id: 'a',
        name: 'b',
        arguments: {},
        raw_arguments: '{"x":',
        parse_error: expect.stringMatching(/not valid JSON/),
      },
    ]);
  });
});

describe('protoUsageToNative', () => {
  it('maps prompt/completion/cache_creation to input/output/cache_write and keeps explicit zeros', () => {
    expect(
      protoUsageToNative({
        prompt_tokens: 1,
        completion_tokens: 2,
        total_tokens: 3,
        reasoning_tokens: 0,
        cache_read_tokens: 4,
      }),
    ).toEqual({
      input_tokens: 1,
      output_tokens: 2,
      total_tokens: 3,
      reasoning_tokens: 0,
      cache_read_tokens: 4,
    });
  });
});

describe('tool call arguments nested too deep', () => {
  const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

  it('input_json deeper than 64 levels is refused naming the field; 64 levels decode', () => {
    const error = conversionError(() =>
      protoContentBlockToNative(
        { tool_call_block: { id: 'c1', name: 'f', input_json: deep(5000) } },
        'messages[0].block_content.blocks[0]',
      ),
    );
    expect(error.field).toBe('messages[0].block_content.blocks[0].tool_call_block.input_json');
    expect(error.message).toMatch(/more than 64 levels/);
    expect(
      protoContentBlockToNative(
        { tool_call_block: { id: 'c1', name: 'f', input_json: deep(64) } },
        'b',
      ),
    ).toMatchObject({ type: 'tool_call', input: { a: { a: {} } } });
  });

  it('arguments_json deeper than 64 levels is refused naming the field; malformed text still is not', () => {
    const error = conversionError(() =>
      protoToolCallToNative({ id: 'c1', name: 'f', arguments_json: deep(65) }, 'tool_calls[0]'),
    );
    expect(error.field).toBe('tool_calls[0].arguments_json');
    expect(protoToolCallToNative({ id: 'c1', name: 'f', arguments_json: '{"a":' })).toMatchObject({
      arguments: {},
      raw_arguments: '{"a":',
    });
  });
});

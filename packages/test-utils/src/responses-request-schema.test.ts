import { describe, expect, it } from 'vitest';
import { validateResponsesRequest } from './responses-request-schema.js';

const fullBody = {
  model: 'my-gpt-5-deployment',
  instructions: 'You are terse.',
  input: [
    {
      role: 'user',
      content: [
        { type: 'input_text', text: 'What is in this picture?' },
        { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'auto' },
      ],
    },
    {
      type: 'reasoning',
      id: 'rs_1',
      summary: [{ type: 'summary_text', text: 'Need the calculator.' }],
      encrypted_content: 'gAAAAABencrypted',
    },
    { type: 'function_call', call_id: 'call_1', name: 'calculator', arguments: '{"a":1}' },
    { type: 'function_call_output', call_id: 'call_1', output: '3' },
    { type: 'custom_tool_call', call_id: 'call_2', name: 'sql', input: 'SELECT 1' },
    { type: 'custom_tool_call_output', call_id: 'call_2', output: '1' },
    {
      type: 'message',
      role: 'assistant',
      id: 'msg_1',
      status: 'completed',
      content: [{ type: 'output_text', text: 'It is 3.', annotations: [], logprobs: [] }],
    },
  ],
  tools: [
    {
      type: 'function',
      name: 'calculator',
      description: 'Adds numbers.',
      parameters: { type: 'object', properties: { a: { type: 'number' } } },
      strict: true,
    },
    { type: 'custom', name: 'sql' },
  ],
  tool_choice: { type: 'function', name: 'calculator' },
  parallel_tool_calls: true,
  max_output_tokens: 4096,
  temperature: 0.7,
  reasoning: { effort: 'high', summary: 'auto' },
  text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' } } },
  store: false,
  include: ['reasoning.encrypted_content'],
  stream: true,
};

describe('validateResponsesRequest (the project-owned schema)', () => {
  it('accepts a minimal body and a full stateless tool-calling body', () => {
    expect(validateResponsesRequest({ model: 'x', input: 'hi' })).toEqual({
      valid: true,
      errors: [],
    });
    expect(validateResponsesRequest(fullBody).errors).toEqual([]);
  });

  it('rejects a stray max_tokens, pointing to max_output_tokens', () => {
    expect(validateResponsesRequest({ model: 'x', input: 'hi', max_tokens: 100 })).toEqual({
      valid: false,
      errors: [
        {
          path: '/max_tokens',
          message: 'is not an allowed property here (the Responses API uses max_output_tokens)',
        },
      ],
    });
  });

  it('names the path of a wrong type, a missing field and a bad enum value', () => {
    const errors = (body: unknown) => validateResponsesRequest(body).errors;
    expect(errors({ model: 'x', input: 'hi', max_output_tokens: 'ten' })).toContainEqual({
      path: '/max_output_tokens',
      message: 'must be integer,null',
    });
    expect(errors({ model: 'x', tools: [{ type: 'function', parameters: {} }] })).toContainEqual({
      path: '/tools/0/name',
      message: 'is required but missing',
    });
    expect(
      errors({ model: 'x', input: [{ type: 'function_call_output', call_id: 'c', output: 5 }] })
        .map(e => e.path)
        .includes('/input/0/output'),
    ).toBe(true);
    expect(errors({ model: 'x', reasoning: { effort: 'extreme' } })[0]?.path).toBe(
      '/reasoning/effort',
    );
    expect(errors({ input: 'hi' })).toContainEqual({
      path: '/model',
      message: 'is required but missing',
    });
    expect(errors('hello')[0]?.path).toBe('/');
  });

  it('rejects a message with an unknown role and a function_call without arguments', () => {
    const result = validateResponsesRequest({
      model: 'x',
      input: [
        { role: 'robot', content: 'hi' },
        { type: 'function_call', call_id: 'c', name: 'f' },
      ],
    });
    expect(result.valid).toBe(false);
    expect(result.errors.map(e => e.path)).toEqual(
      expect.arrayContaining(['/input/0/role', '/input/1/arguments']),
    );
  });
});

describe('hosted tools and their items', () => {
  const search = {
    type: 'web_search_call',
    id: 'ws_1',
    status: 'completed',
    action: { type: 'search', query: 'q' },
  };

  it('accepts hosted tool declarations and items with their required fields', () => {
    const result = validateResponsesRequest({
      model: 'm',
      input: [
        { role: 'user', content: 'hi' },
        search,
        { type: 'mcp_approval_response', approval_request_id: 'mcpr_1', approve: true },
      ],
      tools: [
        { type: 'web_search_preview' },
        { type: 'file_search', vector_store_ids: ['vs_1'] },
        { type: 'code_interpreter', container: { type: 'auto' } },
        { type: 'mcp', server_label: 'docs', server_url: 'https://mcp.example.com' },
      ],
    });
    expect(result.errors).toEqual([]);
  });

  it('names a hosted item or declaration without a required field', () => {
    const { errors } = validateResponsesRequest({
      model: 'm',
      input: [{ ...search, status: undefined }],
      tools: [{ type: 'file_search' }],
    });
    expect(JSON.stringify(errors)).toContain('status');
    expect(JSON.stringify(errors)).toContain('vector_store_ids');
  });
});

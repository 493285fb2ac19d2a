import { validateResponsesRequest } from '@amplifier-azure-openai/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CHAT_CAPABILITIES,
  chatContext,
  DEFAULT_REQUEST_CONFIG,
  reasoningContext,
  UNKNOWN_CAPABILITIES,
} from '../__fixtures__/request-context.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { ChatRequest, Message } from '../types.js';
import {
  type BuiltRequest,
  buildResponsesRequest,
  type RequestContext,
} from './build-responses-request.js';
import { ORPHANED_TOOL_CALL_OUTPUT } from './messages-to-input.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** Builds (on a frozen request, proving purity) and validates against the shared schema. */
function build(request: ChatRequest, context: RequestContext = chatContext()): BuiltRequest {
  const built = buildResponsesRequest(deepFreeze(request), context);
  const validation = validateResponsesRequest(built.body);
  expect(validation.errors).toEqual([]);
  return built;
}

const user = (text: string): Message => ({ role: 'user', content: text });

// Parsing the OpenAPI spec and compiling the schema takes seconds, once per process.
beforeAll(() => {
  validateResponsesRequest({ model: 'warm-up', input: 'x' });
}, 120_000);

describe('buildResponsesRequest: messages', () => {
  it('puts system messages in instructions and keeps developer messages as developer input', () => {
    const { body } = build({
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'system', content: [{ type: 'text', text: 'Answer in English.' }] },
        { role: 'developer', content: 'Project rules: no emojis.' },
        user('hi'),
      ],
    });
    expect(body.instructions).toBe('You are terse.\n\nAnswer in English.');
    expect(body.input).toEqual([
      { type: 'message', role: 'developer', content: 'Project rules: no emojis.' },
      { type: 'message', role: 'user', content: 'hi' },
    ]);
    expect(body.model).toBe('prod-gpt-4o');
  });

  it('maps user text and images (base64 and URL) to input content', () => {
    const { body } = build({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'AAEC' } },
            {
              type: 'image',
              source: { type: 'url', url: 'https://example.com/cat.png', detail: 'high' },
            },
          ],
        },
      ],
    });
    expect(body.input).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'What is in these?' },
          { type: 'input_image', image_url: 'data:image/jpeg;base64,AAEC', detail: 'auto' },
          { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'high' },
        ],
      },
    ]);
  });

  it('maps assistant text to an output_text message item when its item id is known', () => {
    const { body } = build({
      messages: [
        user('hi'),
        { role: 'assistant', content: [{ type: 'text', text: 'Hello!', item_id: 'msg_1' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'No id here.' }] },
        { role: 'assistant', content: 'Plain string.' },
        user('and?'),
      ],
    });
    expect(body.input).toEqual([
      { type: 'message', role: 'user', content: 'hi' },
      {
        type: 'message',
        role: 'assistant',
        id: 'msg_1',
        status: 'completed',
        content: [{ type: 'output_text', text: 'Hello!', annotations: [], logprobs: [] }],
      },
      { type: 'message', role: 'assistant', content: 'No id here.' },
      { type: 'message', role: 'assistant', content: 'Plain string.' },
      { type: 'message', role: 'user', content: 'and?' },
    ]);
  });

  it('maps tool calls to function_call items and results to function_call_output items', () => {
    const { body, warnings } = build({
      messages: [
        user('weather in Paris and Rome?'),
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_call', id: 'call_a', name: 'weather', input: { city: 'Paris' } },
            { type: 'tool_call', id: 'call_b', name: 'weather', input: { city: 'Rome' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: 'sunny' },
        {
          role: 'tool',
          content: [{ type: 'tool_result', tool_call_id: 'call_b', output: { temp: 21 } }],
        },
      ],
    });
    expect(warnings).toEqual([]);
    expect(body.input).toEqual([
      { type: 'message', role: 'user', content: 'weather in Paris and Rome?' },
      { type: 'message', role: 'assistant', content: 'Checking.' },
      { type: 'function_call', call_id: 'call_a', name: 'weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call', call_id: 'call_b', name: 'weather', arguments: '{"city":"Rome"}' },
      { type: 'function_call_output', call_id: 'call_a', output: 'sunny' },
      { type: 'function_call_output', call_id: 'call_b', output: '{"temp":21}' },
    ]);
  });

  it('sends invalid arguments back exactly as the model wrote them', () => {
    const { body } = build({
      messages: [
        user('x'),
        {
          role: 'assistant',
          content: [
            {
              type: 'tool_call',
              id: 'call_bad',
              name: 'f',
              input: {},
              raw_arguments: '{"a": 1',
              parse_error: 'arguments are not valid JSON',
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_bad', content: 'Error: bad arguments' },
      ],
    });
    expect(body.input).toContainEqual({
      type: 'function_call',
      call_id: 'call_bad',
      name: 'f',
      arguments: '{"a": 1',
    });
  });

  it('accepts tool_result blocks inside user messages (Anthropic style), in order', () => {
    const { body } = build({
      messages: [
        user('go'),
        { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'ls', input: {} }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_call_id: 'c1', output: [{ type: 'text', text: 'a.txt' }] },
            { type: 'text', text: 'now summarise' },
          ],
        },
      ],
    });
    expect(body.input?.slice(2)).toEqual([
      { type: 'function_call_output', call_id: 'c1', output: 'a.txt' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'now summarise' }] },
    ]);
  });

  it('synthesises an error result for an orphaned tool call, with a warning', () => {
    const { body, warnings } = build({
      messages: [
        user('go'),
        {
          role: 'assistant',
          content: [
            { type: 'tool_call', id: 'c1', name: 'ls', input: {} },
            { type: 'tool_call', id: 'c2', name: 'cat', input: { path: 'a' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'a.txt' },
        user('continue'),
      ],
    });
    expect(body.input).toEqual([
      { type: 'message', role: 'user', content: 'go' },
      { type: 'function_call', call_id: 'c1', name: 'ls', arguments: '{}' },
      { type: 'function_call', call_id: 'c2', name: 'cat', arguments: '{"path":"a"}' },
      { type: 'function_call_output', call_id: 'c2', output: ORPHANED_TOOL_CALL_OUTPUT },
      { type: 'function_call_output', call_id: 'c1', output: 'a.txt' },
      { type: 'message', role: 'user', content: 'continue' },
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"c2"');
  });

  it('sends a result whose call is gone as user text, with a warning', () => {
    const { body, warnings } = build({
      messages: [user('go'), { role: 'tool', tool_call_id: 'gone', content: 'late result' }],
    });
    expect(body.input).toEqual([
      { type: 'message', role: 'user', content: 'go' },
      {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'Result of tool call gone:\nlate result' }],
      },
    ]);
    expect(warnings[0]).toContain('no matching tool call');
  });

  it('round-trips custom tool calls as custom_tool_call items', () => {
    const { body } = build({
      messages: [
        user('sql please'),
        {
          role: 'assistant',
          content: [
            {
              type: 'tool_call',
              id: 'call_sql',
              name: 'write_sql',
              input: { input: 'SELECT 1' },
              tool_type: 'custom',
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_sql', content: '1' },
      ],
    });
    expect(body.input?.slice(1)).toEqual([
      { type: 'custom_tool_call', call_id: 'call_sql', name: 'write_sql', input: 'SELECT 1' },
      { type: 'custom_tool_call_output', call_id: 'call_sql', output: '1' },
    ]);
  });

  it('passes reasoning back as reasoning items with encrypted content', () => {
    const { body } = build(
      {
        messages: [
          user('12+7?'),
          {
            role: 'assistant',
            content: [
              {
                type: 'thinking',
                thinking: '**Adding**\n\nEasy.',
                content: ['gAAAAenc1', 'rs_1'],
                summary: ['**Adding**', 'Easy.'],
                visibility: 'internal',
              },
              {
                type: 'tool_call',
                id: 'call_1',
                name: 'calc',
                input: { a: 12, b: 7 },
                item_id: 'fc_1',
              },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: '19' },
          {
            role: 'assistant',
            content: [
              {
                type: 'reasoning',
                content: [],
                summary: ['Done.'],
                id: 'rs_2',
                encrypted_content: 'gAAAAenc2',
              },
              { type: 'text', text: '19', item_id: 'msg_2' },
            ],
          },
          user('thanks'),
        ],
      },
      reasoningContext(),
    );
    expect(body.input).toEqual([
      { type: 'message', role: 'user', content: '12+7?' },
      {
        type: 'reasoning',
        id: 'rs_1',
        encrypted_content: 'gAAAAenc1',
        summary: [
          { type: 'summary_text', text: '**Adding**' },
          { type: 'summary_text', text: 'Easy.' },
        ],
      },
      {
        type: 'function_call',
        call_id: 'call_1',
        name: 'calc',
        arguments: '{"a":12,"b":7}',
        id: 'fc_1',
      },
      { type: 'function_call_output', call_id: 'call_1', output: '19' },
      {
        type: 'reasoning',
        id: 'rs_2',
        encrypted_content: 'gAAAAenc2',
        summary: [{ type: 'summary_text', text: 'Done.' }],
      },
      {
        type: 'message',
        role: 'assistant',
        id: 'msg_2',
        status: 'completed',
        content: [{ type: 'output_text', text: '19', annotations: [], logprobs: [] }],
      },
      { type: 'message', role: 'user', content: 'thanks' },
    ]);
  });

  it('does not send reasoning that cannot be resumed, nor a trailing reasoning item', () => {
    const { body } = build(
      {
        messages: [
          user('a'),
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'anthropic style', signature: 'sig' },
              { type: 'thinking', thinking: 'no encrypted content', content: [null, 'rs_x'] },
              { type: 'text', text: 'answer' },
              { type: 'thinking', thinking: 'trailing', content: ['enc', 'rs_t'] },
            ],
          },
          user('b'),
        ],
      },
      reasoningContext(),
    );
    expect(body.input).toEqual([
      { type: 'message', role: 'user', content: 'a' },
      { type: 'message', role: 'assistant', content: 'answer' },
      { type: 'message', role: 'user', content: 'b' },
    ]);
  });

  it('does not send reasoning items to a deployment that is not a reasoning model', () => {
    const { body } = build({
      messages: [
        user('a'),
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 's', content: ['enc', 'rs_1'] },
            { type: 'text', text: 'answer' },
          ],
        },
        user('b'),
      ],
    });
    expect(body.input).toEqual([
      { type: 'message', role: 'user', content: 'a' },
      { type: 'message', role: 'assistant', content: 'answer' },
      { type: 'message', role: 'user', content: 'b' },
    ]);
  });

  it('sends stored reasoning by id when store is true', () => {
    const { body } = build(
      {
        messages: [
          user('a'),
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'stored', content: [null, 'rs_s'] },
              { type: 'text', text: 'answer', item_id: 'msg_s' },
            ],
          },
          user('b'),
        ],
      },
      reasoningContext({ config: { ...DEFAULT_REQUEST_CONFIG, store: true } }),
    );
    expect(body.input?.[1]).toEqual({
      type: 'reasoning',
      id: 'rs_s',
      summary: [{ type: 'summary_text', text: 'stored' }],
    });
  });
});

describe('buildResponsesRequest: tools', () => {
  const messages = [user('hi')];

  it('accepts parameters and input_schema forms and sends strict', () => {
    const schema = { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] };
    const { body } = build({
      messages,
      tools: [
        { name: 'search', description: 'Search the web', parameters: schema },
        { name: 'lookup', input_schema: schema, strict: true },
        { name: 'now' },
      ],
    });
    expect(body.tools).toEqual([
      {
        type: 'function',
        name: 'search',
        description: 'Search the web',
        parameters: schema,
        strict: false,
      },
      { type: 'function', name: 'lookup', parameters: schema, strict: true },
      {
        type: 'function',
        name: 'now',
        parameters: { type: 'object', properties: {} },
        strict: false,
      },
    ]);
  });

  it.each([
    ['auto', 'auto'],
    ['none', 'none'],
    ['required', 'required'],
    ['any', 'required'],
    ['search', { type: 'function', name: 'search' }],
    [
      { type: 'function', name: 'search' },
      { type: 'function', name: 'search' },
    ],
    [
      { type: 'function', function: { name: 'search' } },
      { type: 'function', name: 'search' },
    ],
    [
      { type: 'tool', name: 'search' },
      { type: 'function', name: 'search' },
    ],
  ] as const)('maps tool_choice %j', (choice, expected) => {
    const { body } = build({ messages, tools: [{ name: 'search' }], tool_choice: choice });
    expect(body.tool_choice).toEqual(expected);
  });

  it('warns about a tool_choice it does not understand', () => {
    const { body, warnings } = build({
      messages,
      tools: [{ name: 's' }],
      tool_choice: { type: 42 },
    });
    expect(body.tool_choice).toBeUndefined();
    expect(warnings[0]).toContain('tool_choice');
  });

  it('passes parallel_tool_calls through, only with tools', () => {
    expect(
      build({ messages, tools: [{ name: 's' }], parallel_tool_calls: false }).body
        .parallel_tool_calls,
    ).toBe(false);
    expect(build({ messages, parallel_tool_calls: true }).body.parallel_tool_calls).toBeUndefined();
  });

  it('rejects a tool without a name', () => {
    expect(() =>
      buildResponsesRequest({ messages, tools: [{ name: '' }] }, chatContext()),
    ).toThrowError(
      expect.objectContaining({ name: 'InvalidRequestError', param: 'tools[0].name' }),
    );
  });
});

describe('buildResponsesRequest: parameters', () => {
  const messages = [user('hi')];

  it('sends max_output_tokens, never max_tokens', () => {
    expect(build({ messages }).body.max_output_tokens).toBe(4096);
    expect(build({ messages, max_output_tokens: 100 }).body.max_output_tokens).toBe(100);
    const alias = build({ messages, max_tokens: 200 }).body;
    expect(alias.max_output_tokens).toBe(200);
    expect(alias).not.toHaveProperty('max_tokens');
  });

  it('clamps max_output_tokens to the known model maximum and to Azure minimum', () => {
    const high = build({ messages, max_output_tokens: 1_000_000 });
    expect(high.body.max_output_tokens).toBe(CHAT_CAPABILITIES.maxOutputTokens);
    expect(high.warnings[0]).toContain('clamped');
    const unknown = build(
      { messages, max_output_tokens: 50_000 },
      chatContext({ capabilities: UNKNOWN_CAPABILITIES }),
    );
    expect(unknown.body.max_output_tokens).toBe(50_000);
    expect(build({ messages, max_output_tokens: 5 }).body.max_output_tokens).toBe(16);
  });

  it('sends temperature and top_p to chat models', () => {
    const { body } = build({ messages, temperature: 0.2, top_p: 0.9 });
    expect(body.temperature).toBe(0.2);
    expect(body.top_p).toBe(0.9);
    expect(build({ messages }).body.temperature).toBe(0.7);
    expect(build({ messages }).body).not.toHaveProperty('top_p');
  });

  it('omits temperature and top_p for reasoning models, warning only when the request asked', () => {
    const silent = build({ messages }, reasoningContext());
    expect(silent.body).not.toHaveProperty('temperature');
    expect(silent.warnings).toEqual([]);
    const asked = build({ messages, temperature: 0.3, top_p: 0.5 }, reasoningContext());
    expect(asked.body).not.toHaveProperty('temperature');
    expect(asked.body).not.toHaveProperty('top_p');
    expect(asked.warnings).toHaveLength(2);
  });

  it('omits parameters the deployment rejected before', () => {
    const { body, warnings } = build(
      { messages, temperature: 0.3 },
      chatContext({ omitParameters: new Set(['temperature', 'max_output_tokens']) }),
    );
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('max_output_tokens');
    expect(warnings[0]).toContain('rejected it before');
  });

  it('sends reasoning { effort, summary } and encrypted content include for reasoning models', () => {
    const defaults = build({ messages }, reasoningContext()).body;
    expect(defaults.reasoning).toEqual({ summary: 'auto' });
    expect(defaults.include).toEqual(['reasoning.encrypted_content']);
    const configured = build(
      { messages, reasoning_effort: 'high' },
      reasoningContext({
        config: { ...DEFAULT_REQUEST_CONFIG, reasoningEffort: 'low', reasoningSummary: 'detailed' },
      }),
    ).body;
    expect(configured.reasoning).toEqual({ effort: 'high', summary: 'detailed' });
    const omitted = build(
      { messages, reasoning_effort: 'high' },
      reasoningContext({ omitParameters: new Set(['reasoning.summary', 'include']) }),
    ).body;
    expect(omitted.reasoning).toEqual({ effort: 'high' });
    expect(omitted).not.toHaveProperty('include');
  });

  it('does not send reasoning options to chat models', () => {
    const { body, warnings } = build({ messages, reasoning_effort: 'high' });
    expect(body).not.toHaveProperty('reasoning');
    expect(body).not.toHaveProperty('include');
    expect(warnings[0]).toContain('not a reasoning model');
  });

  it('maps response_format to text.format', () => {
    expect(build({ messages, response_format: { type: 'text' } }).body.text).toEqual({
      format: { type: 'text' },
    });
    expect(build({ messages, response_format: { type: 'json' } }).body.text).toEqual({
      format: { type: 'json_object' },
    });
    const schema = {
      type: 'object',
      properties: { a: { type: 'number' } },
      required: ['a'],
      additionalProperties: false,
    };
    expect(
      build({
        messages,
        response_format: { type: 'json_schema', schema, strict: true, name: 'answer' },
      }).body.text,
    ).toEqual({ format: { type: 'json_schema', name: 'answer', schema, strict: true } });
    expect(
      build({
        messages,
        response_format: { type: 'json_schema', json_schema: { name: 'x y', schema } },
      }).body.text,
    ).toEqual({ format: { type: 'json_schema', name: 'response', schema } });
  });

  it('is stateless by default: store false', () => {
    const { body } = build({ messages });
    expect(body.store).toBe(false);
    expect(body).not.toHaveProperty('previous_response_id');
  });

  it('warns that stop sequences are not supported', () => {
    const { body, warnings } = build({ messages, stop: ['END'] });
    expect(body).not.toHaveProperty('stop');
    expect(warnings[0]).toContain('stop sequences');
  });
});

describe('buildResponsesRequest: previous_response_id', () => {
  const conversation: Message[] = [
    { role: 'system', content: 'sys' },
    user('first'),
    { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'ls', input: {} }] },
    { role: 'tool', tool_call_id: 'c1', content: 'a.txt' },
    user('and?'),
  ];

  it('sends only the items after the last assistant turn when chaining with store true', () => {
    const { body } = build(
      { messages: conversation },
      chatContext({
        config: { ...DEFAULT_REQUEST_CONFIG, store: true },
        previousResponseId: 'resp_1',
      }),
    );
    expect(body.previous_response_id).toBe('resp_1');
    expect(body.store).toBe(true);
    expect(body.instructions).toBe('sys');
    expect(body.input).toEqual([
      { type: 'function_call_output', call_id: 'c1', output: 'a.txt' },
      { type: 'message', role: 'user', content: 'and?' },
    ]);
  });

  it('still synthesises results for the last turn calls when chaining', () => {
    const { body } = build(
      {
        messages: [
          user('a'),
          { role: 'assistant', content: [{ type: 'tool_call', id: 'c9', name: 'x', input: {} }] },
          user('b'),
        ],
      },
      chatContext({
        config: { ...DEFAULT_REQUEST_CONFIG, store: true },
        previousResponseId: 'resp_1',
      }),
    );
    expect(body.input).toEqual([
      { type: 'function_call_output', call_id: 'c9', output: ORPHANED_TOOL_CALL_OUTPUT },
      { type: 'message', role: 'user', content: 'b' },
    ]);
  });

  it('never sends previous_response_id when store is false', () => {
    const { body, warnings } = build(
      { messages: conversation },
      chatContext({ previousResponseId: 'resp_1' }),
    );
    expect(body).not.toHaveProperty('previous_response_id');
    expect(body.input).toHaveLength(4);
    expect(warnings[0]).toContain('previous_response_id was not sent');
  });
});

describe('buildResponsesRequest: invalid requests', () => {
  it.each([
    [{ messages: 'hi' }, 'messages'],
    [{ messages: [null] }, 'messages[0]'],
    [{ messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
    [{ messages: [{ role: 'user', content: 42 }] }, 'messages[0].content'],
    [{ messages: [{ role: 'user', content: [{ text: 'no type' }] }] }, 'messages[0].content[0]'],
    [{ messages: [{ role: 'tool', content: 'orphan text' }] }, 'messages[0].tool_call_id'],
    [
      { messages: [{ role: 'user', content: [{ type: 'image', source: {} }] }] },
      'messages[0].content[0].source',
    ],
    [
      {
        messages: [
          { role: 'assistant', content: [{ type: 'tool_call', id: '', name: 'x', input: {} }] },
        ],
      },
      'messages[0].content[0].id',
    ],
    [{ messages: [user('x')], response_format: { type: 'json_schema' } }, 'response_format.schema'],
  ])('rejects %j with a typed error naming %s', (request, param) => {
    let caught: unknown;
    try {
      buildResponsesRequest(request as unknown as ChatRequest, chatContext());
    } catch (error) {
      caught = error;
    }
    expect(InvalidRequestError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'invalid_chat_request', param });
    expect((caught as Error).message).toContain(param);
  });
});

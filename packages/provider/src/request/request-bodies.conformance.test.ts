/**
 * Request bodies this provider builds are valid against the official OpenAI OpenAPI spec
 * (`CreateResponse`, read from ../shared at test time) and against the project's own schema that
 * `pnpm test` uses in its place, so a drift of that schema from the spec shows here.
 */
import {
  validateResponsesRequest,
  validateResponsesRequestAgainstSpec,
} from '@amplifier-azure-openai/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chatContext,
  DEFAULT_REQUEST_CONFIG,
  reasoningContext,
} from '../__fixtures__/request-context.js';
import type { ChatRequest } from '../types.js';
import { buildResponsesRequest, type RequestContext } from './build-responses-request.js';

const schema = { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] };

const cases: Array<[string, ChatRequest, RequestContext]> = [
  [
    'system, developer, user text and images',
    {
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'developer', content: 'No emojis.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAEC' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
          ],
        },
      ],
      temperature: 0.2,
      max_output_tokens: 100,
    } as ChatRequest,
    chatContext(),
  ],
  [
    'assistant text, function and custom tool calls and their results, tools and tool_choice',
    {
      messages: [
        { role: 'user', content: 'weather and sql?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.', item_id: 'msg_1' },
            { type: 'tool_call', id: 'call_a', name: 'weather', input: { city: 'Paris' } },
            {
              type: 'tool_call',
              id: 'call_b',
              name: 'write_sql',
              input: { input: 'SELECT 1' },
              tool_type: 'custom',
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: 'sunny' },
        { role: 'tool', tool_call_id: 'call_b', content: '1' },
      ],
      tools: [
        { name: 'weather', description: 'Weather for a city', parameters: schema },
        { name: 'lookup', input_schema: schema, strict: true },
      ],
      tool_choice: 'required',
      parallel_tool_calls: false,
    } as ChatRequest,
    chatContext(),
  ],
  [
    'reasoning items with encrypted content and reasoning options',
    {
      messages: [
        { role: 'user', content: '12+7?' },
        {
          role: 'assistant',
          content: [
            {
              type: 'thinking',
              thinking: 'Easy.',
              content: ['gAAAAenc1', 'rs_1'],
              summary: ['Easy.'],
            },
            { type: 'tool_call', id: 'call_1', name: 'calc', input: { a: 12, b: 7 } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '19' },
        { role: 'user', content: 'thanks' },
      ],
      reasoning_effort: 'high',
    } as ChatRequest,
    reasoningContext(),
  ],
  [
    'a json_schema response format',
    {
      messages: [{ role: 'user', content: 'a number' }],
      response_format: { type: 'json_schema', schema, strict: true, name: 'answer' },
    } as ChatRequest,
    chatContext(),
  ],
  [
    'chaining with store true and previous_response_id',
    {
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'and?' },
      ],
    },
    chatContext({
      config: { ...DEFAULT_REQUEST_CONFIG, store: true },
      previousResponseId: 'resp_1',
    }),
  ],
];

// Parsing the OpenAPI spec and compiling the schema takes seconds, once per process.
beforeAll(() => {
  validateResponsesRequestAgainstSpec({ model: 'warm-up', input: 'x' });
}, 120_000);

describe('built request bodies follow the OpenAPI spec and the own schema', () => {
  it.each(cases)('%s', (_name, request, context) => {
    const { body } = buildResponsesRequest(request, context);
    expect(validateResponsesRequestAgainstSpec(body).errors).toEqual([]);
    expect(validateResponsesRequest(body).errors).toEqual([]);
  });
});

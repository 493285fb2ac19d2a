import { validateResponsesRequest } from '@amplifier-azure-openai/test-utils';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../src/index.js';

beforeAll(() => {
  // Parsing the OpenAPI spec and compiling the schema takes a few seconds, once per file.
  validateResponsesRequest({ model: 'warm-up', input: 'x' });
}, 60_000);

const emulator = useEmulator(
  { beforeAll, afterAll, beforeEach },
  { validateRequest: validateResponsesRequest },
);

function client(): OpenAI {
  return new OpenAI({
    baseURL: `${emulator().url}/openai/v1`,
    apiKey: emulator().apiKey,
    maxRetries: 0,
  });
}

describe('v1 surface with the OpenAI client', () => {
  it('answers text deterministically with Azure-shaped fields', async () => {
    const { data: response, response: raw } = await client()
      .responses.create({ model: 'gpt-4o', input: 'Hello there' })
      .withResponse();
    expect(response.id).toMatch(/^resp_[0-9a-f]{50}$/);
    expect(response.object).toBe('response');
    expect(response.status).toBe('completed');
    expect(response.model).toBe('gpt-4o');
    expect(response.output_text).toBe('Echo: Hello there');
    expect(response.output[0]).toMatchObject({
      type: 'message',
      role: 'assistant',
      status: 'completed',
    });
    expect(response.output[0]?.id).toMatch(/^msg_/);
    expect(response.usage?.input_tokens_details.cached_tokens).toBe(0);
    expect(response.usage?.output_tokens).toBe(3);
    expect(raw.headers.get('apim-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(raw.headers.get('x-request-id')).toBe(raw.headers.get('apim-request-id'));
    const recorded = emulator().recorder.last();
    expect(recorded).toMatchObject({
      surface: 'v1',
      deployment: 'gpt-4o',
      auth: 'bearer-api-key',
      status: 200,
    });
    expect(recorded?.headers.authorization).toMatch(/^Bearer \*\*\*/);
    expect(JSON.stringify(recorded)).not.toContain(emulator().apiKey);
  });

  it('streams text in the service order with sequence numbers', async () => {
    const stream = await client().responses.create({
      model: 'gpt-4o',
      input: [{ role: 'user', content: 'please give a long answer 50 words' }],
      stream: true,
    });
    const types: string[] = [];
    const sequence: number[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      sequence.push(event.sequence_number);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types.filter(t => t === 'response.output_text.delta')).toHaveLength(50);
    expect(types.slice(-4)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(sequence).toEqual(sequence.map((_, i) => i));
    expect(text.split(' ')).toHaveLength(50);
  });

  it('calls tools and continues with their outputs', async () => {
    const tools = [
      {
        type: 'function' as const,
        name: 'get_weather',
        description: 'Weather for a city',
        strict: false,
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        },
      },
    ];
    const first = await client().responses.create({
      model: 'production-gpt5',
      input: "What's the weather in Paris and Tokyo?",
      tools,
      reasoning: { effort: 'low', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      store: false,
    });
    const calls = first.output.filter(item => item.type === 'function_call');
    expect(calls.map(c => c.arguments)).toEqual(['{"city":"Paris"}', '{"city":"Tokyo"}']);
    const reasoningItem = first.output[0];
    expect(reasoningItem?.type).toBe('reasoning');
    const second = await client().responses.create({
      model: 'production-gpt5',
      store: false,
      include: ['reasoning.encrypted_content'],
      tools,
      input: [
        { role: 'user', content: "What's the weather in Paris and Tokyo?" },
        ...first.output.map(item => item as unknown as OpenAI.Responses.ResponseInputItem),
        ...calls.map(c => ({
          type: 'function_call_output' as const,
          call_id: c.call_id,
          output: `{"temp":${c.arguments.length}}`,
        })),
      ],
    });
    expect(second.output_text).toContain('get_weather({"city":"Paris"}) returned {"temp":16}');
    expect(emulator().recorder.last()?.reasoningInputs).toMatchObject({ total: 1, recognized: 1 });
  });
});

import {
  createOpenApiSchemaValidator,
  createResponsesStreamEventValidator,
  readSharedJson,
  validateResponsesRequestAgainstSpec,
} from '@amplifier-azure-openai/test-utils';
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../src/index.js';
import { parseSse, rawPost, v1Client, warmUpValidator } from './helpers.js';

warmUpValidator();
// No beforeEach: the recorder keeps every request of this file for the last test.
const emulator = useEmulator(
  { beforeAll, afterAll },
  { validateRequest: validateResponsesRequestAgainstSpec },
);

const TOOLS: OpenAI.Responses.Tool[] = [
  {
    type: 'function',
    name: 'get_weather',
    description: 'Current weather for a city',
    strict: false,
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['city', 'unit'],
    },
  },
];

let responseValidator: ReturnType<typeof createOpenApiSchemaValidator>;
let eventValidator: ReturnType<typeof createResponsesStreamEventValidator>;
beforeAll(() => {
  responseValidator = createOpenApiSchemaValidator('Response', 'lenient');
  eventValidator = createResponsesStreamEventValidator();
}, 60_000);

describe('responses look like the recorded Azure payloads', () => {
  it('has every top-level field of the recorded Azure text answer', async () => {
    const fixture = readSharedJson(
      'conformance/vercel-ai-fixtures/azure/azure-text.1.json',
    ) as Record<string, unknown>;
    const answer = await rawPost(
      emulator(),
      '/openai/v1/responses',
      JSON.stringify({ model: 'gpt-4o', input: 'Word' }),
    );
    const body = answer.json() as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(expect.arrayContaining(Object.keys(fixture).sort()));
    expect(responseValidator.validate(body).errors).toEqual([]);
    const filters = body.content_filters as Array<Record<string, unknown>>;
    expect(filters.map(f => f.source_type)).toEqual(['prompt', 'completion']);
  });

  it('streams events that validate against the spec, with consecutive sequence numbers', async () => {
    const answer = await rawPost(
      emulator(),
      '/openai/v1/responses',
      JSON.stringify({
        model: 'gpt-5',
        input: 'What is the weather in Paris and Tokyo in celsius?',
        tools: TOOLS,
        reasoning: { effort: 'medium', summary: 'detailed' },
        include: ['reasoning.encrypted_content'],
        store: false,
        stream: true,
      }),
    );
    expect(answer.headers.get('content-type')).toContain('text/event-stream');
    expect(answer.text.endsWith('\n\n')).toBe(true);
    const events = parseSse(answer.text);
    for (const [i, { event, data }] of events.entries()) {
      expect(data.type).toBe(event);
      expect(data.sequence_number).toBe(i);
      expect(eventValidator.validate(data).errors).toEqual([]);
    }
    const types = events.map(e => e.event);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      ...types.filter(t => t === 'response.reasoning_summary_text.delta'),
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      ...Array(types.filter(t => t === 'response.function_call_arguments.delta').length / 2).fill(
        'response.function_call_arguments.delta',
      ),
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.output_item.added',
      ...Array(types.filter(t => t === 'response.function_call_arguments.delta').length / 2).fill(
        'response.function_call_arguments.delta',
      ),
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const completed = events.at(-1)?.data.response as Record<string, unknown>;
    expect(responseValidator.validate(completed).errors).toEqual([]);
    const output = completed.output as Array<Record<string, unknown>>;
    expect(output.map(o => o.type)).toEqual(['reasoning', 'function_call', 'function_call']);
    expect(output.slice(1).map(o => o.arguments)).toEqual([
      '{"city":"Paris","unit":"celsius"}',
      '{"city":"Tokyo","unit":"celsius"}',
    ]);
    expect(String(output[0]?.encrypted_content)).toMatch(/^gAAAAA/);
    const usage = completed.usage as { output_tokens_details: { reasoning_tokens: number } };
    expect(usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });
});

describe('fault events validate too', () => {
  it.each([
    [{ kind: 'incomplete', reason: 'content_filter' }, 'response.incomplete'],
    [{ kind: 'stream-error', afterEvents: 3 }, 'error'],
  ])('%j ends with %s', async (fault, last) => {
    const answer = await rawPost(
      emulator(),
      '/openai/v1/responses',
      JSON.stringify({ model: 'gpt-4o', input: 'long answer 8 words', stream: true }),
      { 'api-key': emulator().apiKey, 'x-emulator-fault': JSON.stringify(fault) },
    );
    const events = parseSse(answer.text);
    expect(events.at(-1)?.event).toBe(last);
    for (const { data } of events) expect(eventValidator.validate(data).errors).toEqual([]);
  });
});

describe('the SDK stream helper and a full tool round trip', () => {
  it('builds the same final response from responses.stream as the completed event', async () => {
    const client = v1Client(emulator());
    const stream = client.responses.stream({
      model: 'production-gpt5',
      input: [{ role: 'user', content: "What's the weather in Paris and Tokyo?" }],
      tools: TOOLS,
      reasoning: { effort: 'low', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      store: false,
    });
    const argumentDeltas: string[] = [];
    stream.on('response.function_call_arguments.delta', event => {
      argumentDeltas.push(event.delta);
    });
    let summary = '';
    stream.on('response.reasoning_summary_text.delta', event => {
      summary += event.delta;
    });
    const final = await stream.finalResponse();
    const calls = final.output.flatMap(o =>
      o.type === 'function_call' ? [o as OpenAI.Responses.ResponseFunctionToolCall] : [],
    );
    expect(calls).toHaveLength(2);
    expect(argumentDeltas.join('')).toBe(calls.map(c => c.arguments).join(''));
    const reasoning = final.output[0] as OpenAI.Responses.ResponseReasoningItem;
    expect(reasoning.summary[0]?.text).toBe(summary);
    expect(summary).toContain('call get_weather, get_weather');

    // Second turn: reasoning item (encrypted) + calls + outputs go back; text uses the outputs.
    const second = await client.responses.create({
      model: 'production-gpt5',
      store: false,
      include: ['reasoning.encrypted_content'],
      tools: TOOLS,
      input: [
        { role: 'user', content: "What's the weather in Paris and Tokyo?" },
        {
          type: 'reasoning',
          id: reasoning.id,
          summary: reasoning.summary,
          encrypted_content: reasoning.encrypted_content ?? null,
        },
        ...calls.map(c => ({
          type: 'function_call' as const,
          id: c.id ?? '',
          call_id: c.call_id,
          name: c.name,
          arguments: c.arguments,
        })),
        ...calls.map((c, i) => ({
          type: 'function_call_output' as const,
          call_id: c.call_id,
          output: JSON.stringify({ temperature: 20 + i }),
        })),
      ],
    });
    expect(second.output_text).toBe(
      'Based on the tool results: get_weather({"city":"Paris","unit":"celsius"}) returned {"temperature":20}; ' +
        'get_weather({"city":"Tokyo","unit":"celsius"}) returned {"temperature":21}.',
    );
    expect(second.usage?.input_tokens_details.cached_tokens).toBeGreaterThan(0);
    expect(emulator().recorder.last()?.reasoningInputs).toEqual({
      total: 1,
      recognized: 1,
      unrecognized: 0,
      withoutEncryptedContent: 0,
    });
  });

  it('omits encrypted_content unless include asks for it, and summary unless reasoning.summary asks', async () => {
    const response = await v1Client(emulator()).responses.create({
      model: 'gpt-5',
      input: 'think',
    });
    const reasoning = response.output[0] as OpenAI.Responses.ResponseReasoningItem;
    expect(reasoning.type).toBe('reasoning');
    expect(reasoning.id).toMatch(/^rs_/);
    expect('encrypted_content' in reasoning).toBe(false);
    expect(reasoning.summary).toEqual([]);
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it('rejects tampered encrypted content and id-only reasoning items when store is false', async () => {
    const client = v1Client(emulator());
    const tampered = await client.responses
      .create({
        model: 'gpt-5',
        store: false,
        input: [
          { type: 'reasoning', id: 'rs_x', summary: [], encrypted_content: 'gAAAAABforged' },
          { role: 'user', content: 'hi' },
        ],
      })
      .catch((e: unknown) => e as { status: number; code: string });
    expect(tampered).toMatchObject({ status: 400, code: 'invalid_encrypted_content' });
    const idOnly = await client.responses
      .create({
        model: 'gpt-5',
        store: false,
        input: [
          { type: 'reasoning', id: 'rs_y', summary: [] },
          { role: 'user', content: 'hi' },
        ],
      })
      .catch((e: unknown) => e as { status: number; message: string });
    expect(idOnly).toMatchObject({ status: 404 });
  });

  it('recorded every request body of this file, and each validates against the shared schema', () => {
    const bodies = emulator()
      .recorder.responsesRequests()
      .map(r => r.body);
    expect(bodies.length).toBeGreaterThanOrEqual(6);
    for (const body of bodies) expect(validateResponsesRequestAgainstSpec(body).errors).toEqual([]);
  });
});

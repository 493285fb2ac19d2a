import { describe, expect, it } from 'vitest';
import type { ChatRequest, ChatResponse, Message } from '../src/index.js';
import { providerFor, useTestEmulator, WEATHER_TOOL } from './harness.js';

const emulator = useTestEmulator();

function text(response: ChatResponse): string {
  return response.content
    .filter(block => block.type === 'text')
    .map(block => (block as { text: string }).text)
    .join('');
}

describe('complete() through the openai SDK against the emulator', () => {
  it('answers plain text with usage, finish reason and Azure metadata', async () => {
    const { provider } = providerFor(emulator());
    const response = await provider.complete({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hello there' },
      ],
    });
    expect(text(response)).toBe('Echo: hello there');
    expect(response.finish_reason).toBe('stop');
    expect(response.usage?.input_tokens).toBeGreaterThan(0);
    expect(response.usage?.output_tokens).toBeGreaterThan(0);
    expect(response.metadata?.deployment).toBe('gpt-4o');
    expect(response.metadata?.response_id).toMatch(/^resp_/);
    const recorded = emulator().recorder.responsesRequests();
    expect(recorded).toHaveLength(1);
    const request = recorded[0]!;
    expect(response.metadata?.request_id).toBe(request.requestId);
    expect(request.surface).toBe('v1');
    expect(request.auth).toBe('api-key');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.query['api-key']).toBeUndefined();
    const body = request.body as Record<string, unknown>;
    expect(body.model).toBe('gpt-4o');
    expect(body.instructions).toBe('Be brief.');
    expect(body.store).toBe(false);
    expect(body.max_output_tokens).toBe(4096);
    expect(body).not.toHaveProperty('max_tokens');
    await provider.close();
  });

  it('returns one tool call with decoded arguments', async () => {
    const { provider } = providerFor(emulator());
    const response = await provider.complete({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [WEATHER_TOOL],
    });
    expect(response.finish_reason).toBe('tool_calls');
    const calls = provider.parseToolCalls(response);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ name: 'get_weather', arguments: { city: 'Paris' } });
    expect(calls[0]!.id).toBeTruthy();
    const body = emulator().recorder.responsesRequests()[0]!.body as Record<string, unknown>;
    expect(body.tools).toEqual([
      expect.objectContaining({
        type: 'function',
        name: 'get_weather',
        parameters: WEATHER_TOOL.parameters,
      }),
    ]);
    await provider.close();
  });

  it('returns parallel tool calls (input_schema tool form) with distinct ids', async () => {
    const { provider } = providerFor(emulator());
    const response = await provider.complete({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'What is the weather in Paris and Tokyo?' }],
      tools: [
        {
          name: WEATHER_TOOL.name,
          description: WEATHER_TOOL.description,
          input_schema: WEATHER_TOOL.parameters,
        },
      ],
      parallel_tool_calls: true,
    });
    const calls = provider.parseToolCalls(response);
    expect(calls.map(call => call.arguments)).toEqual([{ city: 'Paris' }, { city: 'Tokyo' }]);
    expect(new Set(calls.map(call => call.id)).size).toBe(2);
    await provider.close();
  });

  it('round-trips tool results to a final answer', async () => {
    const { provider } = providerFor(emulator());
    const messages: Message[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const first = await provider.complete({ model: 'gpt-4o', messages, tools: [WEATHER_TOOL] });
    const call = provider.parseToolCalls(first)[0]!;
    const second = await provider.complete({
      model: 'gpt-4o',
      tools: [WEATHER_TOOL],
      messages: [
        ...messages,
        { role: 'assistant', content: first.content },
        {
          role: 'tool',
          content: [{ type: 'tool_result', tool_call_id: call.id, output: 'sunny, 21C' }],
        },
      ],
    });
    expect(second.finish_reason).toBe('stop');
    expect(text(second)).toContain('returned sunny, 21C');
    const input = (
      emulator().recorder.responsesRequests()[1]!.body as { input: Array<Record<string, unknown>> }
    ).input;
    const functionCall = input.find(item => item.type === 'function_call');
    const output = input.find(item => item.type === 'function_call_output');
    expect(functionCall?.call_id).toBe(call.id);
    expect(output?.call_id).toBe(call.id);
    await provider.close();
  });

  it('round-trips reasoning with encrypted content statelessly', async () => {
    const { provider } = providerFor(emulator(), { settings: { reasoning_summary: 'auto' } });
    const request: ChatRequest = {
      model: 'gpt-5',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [WEATHER_TOOL],
    };
    const first = await provider.complete(request);
    const firstBody = emulator().recorder.responsesRequests()[0]!.body as Record<string, unknown>;
    expect(firstBody.include).toEqual(['reasoning.encrypted_content']);
    expect(firstBody).not.toHaveProperty('temperature');
    const reasoningBlocks = first.content.filter(
      block => block.type === 'thinking' || block.type === 'reasoning',
    );
    expect(reasoningBlocks.length).toBeGreaterThan(0);
    const call = provider.parseToolCalls(first)[0]!;
    await provider.complete({
      ...request,
      messages: [
        ...request.messages,
        { role: 'assistant', content: first.content },
        { role: 'tool', content: [{ type: 'tool_result', tool_call_id: call.id, output: 'rain' }] },
      ],
    });
    const second = emulator().recorder.responsesRequests()[1]!;
    expect(second.reasoningInputs).toMatchObject({ total: 1, recognized: 1, unrecognized: 0 });
    await provider.close();
  });

  it('reports an answer cut at max_output_tokens as finish_reason length', async () => {
    const { provider } = providerFor(emulator());
    emulator().addFault({ kind: 'incomplete', reason: 'max_output_tokens' });
    const response = await provider.complete({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(response.finish_reason).toBe('length');
    await provider.close();
  });

  it('reports a filtered answer as finish_reason content_filter', async () => {
    const { provider } = providerFor(emulator());
    emulator().addFault({ kind: 'incomplete', reason: 'content_filter' });
    const response = await provider.complete({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(response.finish_reason).toBe('content_filter');
    await provider.close();
  });

  it('forwards a tool call whose arguments are not valid JSON, raw text kept', async () => {
    const { provider } = providerFor(emulator());
    emulator().addFault({ kind: 'malformed-tool-arguments' });
    const response = await provider.complete({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [WEATHER_TOOL],
    });
    const [call] = provider.parseToolCalls(response);
    expect(call?.name).toBe('get_weather');
    expect(call?.arguments).toEqual({});
    expect(call?.raw_arguments).toBeTruthy();
    expect(call?.parse_error).toBeTruthy();
    await provider.close();
  });

  it('learns an unsupported parameter on the streaming path too', async () => {
    const { provider } = providerFor(emulator(), {
      settings: { deployment_mapping: { thinker: 'mystery-reasoner' }, temperature: 0.2 },
    });
    const response = await provider.complete({
      model: 'thinker',
      stream: true,
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(response.finish_reason).toBe('stop');
    const bodies = emulator()
      .recorder.responsesRequests()
      .map(request => request.body as Record<string, unknown>);
    expect(bodies.map(body => 'temperature' in body)).toEqual([true, false]);
    await provider.close();
  });

  it('with store: true chains previous_response_id, and resets it after the history was edited', async () => {
    const { provider } = providerFor(emulator(), { settings: { store: true } });
    const first: Message[] = [{ role: 'user', content: 'first question' }];
    const one = await provider.complete({
      model: 'gpt-4o',
      conversation_id: 'c1',
      messages: first,
    });
    const second: Message[] = [
      ...first,
      { role: 'assistant', content: one.content },
      { role: 'user', content: 'second question' },
    ];
    await provider.complete({ model: 'gpt-4o', conversation_id: 'c1', messages: second });
    const bodies = () =>
      emulator()
        .recorder.responsesRequests()
        .map(request => request.body as Record<string, unknown>);
    expect(bodies()[0]).not.toHaveProperty('previous_response_id');
    expect(bodies()[1]!.previous_response_id).toBe(one.metadata?.response_id);
    expect(JSON.stringify(bodies()[1]!.input)).not.toContain('first question');
    expect(JSON.stringify(bodies()[1]!.input)).toContain('second question');

    // Compacted/edited history: the stale id is never sent, the whole conversation is.
    const edited: Message[] = [
      { role: 'user', content: 'first question, edited' },
      { role: 'assistant', content: one.content },
      { role: 'user', content: 'second question' },
    ];
    await provider.complete({ model: 'gpt-4o', conversation_id: 'c1', messages: edited });
    expect(bodies()[2]).not.toHaveProperty('previous_response_id');
    expect(JSON.stringify(bodies()[2]!.input)).toContain('first question, edited');
    await provider.close();
  });

  it('sends to the dated surface with api-version when configured', async () => {
    const { provider } = providerFor(emulator(), {
      settings: { api_version: '2025-04-01-preview' },
    });
    await provider.complete({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
    const request = emulator().recorder.responsesRequests()[0]!;
    expect(request.surface).toBe('dated');
    expect(request.query['api-version']).toBe('2025-04-01-preview');
    await provider.close();
  });

  it('complete() with stream: true streams internally and returns the final response', async () => {
    const { provider } = providerFor(emulator());
    const response = await provider.complete({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'streamed hello' }],
    });
    expect(text(response)).toBe('Echo: streamed hello');
    expect(emulator().recorder.responsesRequests()[0]!.stream).toBe(true);
    await provider.close();
  });
});

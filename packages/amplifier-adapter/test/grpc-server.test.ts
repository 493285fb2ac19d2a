import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GrpcServerHandle, startGrpcServer } from '../src/grpc/start-grpc-server.js';
import { type OfficialClients, officialClients } from './official-client.js';

type Json = Record<string, unknown>;

const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters_json: JSON.stringify({
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  }),
};

function userMessage(text: string): Json {
  return { role: 'ROLE_USER', text_content: text };
}

describe('gRPC server called through the official amplifier_module.proto', () => {
  let emulator: Emulator;
  let server: GrpcServerHandle;
  let clients: OfficialClients;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    server = await startGrpcServer({
      config: {
        azure_endpoint: emulator.url,
        api_key: emulator.apiKey,
        default_model: 'gpt-4o',
        max_retries: 0,
        deployment_mapping: { 'gpt-5': 'gpt-5', 'gpt-4o': 'gpt-4o' },
      },
      env: {},
      port: 0,
    });
    clients = officialClients(server.address);
  });

  afterAll(async () => {
    clients.close();
    await server.close();
    await emulator.close();
  });

  it('listens on a free loopback port and reports its amplifier.toml endpoint', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.address).toBe(`127.0.0.1:${server.port}`);
    expect(server.endpoint).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.mounted).toBe(true);
  });

  it('GetInfo returns the provider metadata with defaults_json and config fields', async () => {
    const info = await clients.call(clients.provider, 'GetInfo');
    expect(info.id).toBe('azure-openai');
    expect(info.display_name).toEqual(expect.any(String));
    expect(info.credential_env_vars).toContain('AZURE_OPENAI_API_KEY');
    expect(JSON.parse(String(info.defaults_json))).toEqual(expect.any(Object));
    const fields = info.config_fields as Json[];
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.map(field => field.field_type)).toContain('CONFIG_FIELD_TYPE_SECRET');
  });

  it('ListModels returns the mapped models', async () => {
    const { models } = (await clients.call(clients.provider, 'ListModels')) as { models: Json[] };
    const ids = models.map(model => model.id);
    expect(ids).toEqual(expect.arrayContaining(['gpt-5', 'gpt-4o']));
    for (const model of models) {
      expect(model.context_window).toBeGreaterThan(0);
      expect(JSON.parse(String(model.defaults_json))).toEqual(expect.any(Object));
    }
  });

  it('Complete: a tool-call round trip (call, local result, final answer)', async () => {
    const question = userMessage("What's the weather in Paris?");
    const first = await clients.call(clients.provider, 'Complete', {
      messages: [question],
      tools: [WEATHER_TOOL],
      model: 'gpt-4o',
    });
    expect(first.finish_reason).toBe('tool_calls');
    const calls = first.tool_calls as Json[];
    expect(calls).toHaveLength(1);
    const call = calls[0] as Json;
    expect(call.name).toBe('get_weather');
    expect(JSON.parse(String(call.arguments_json))).toEqual({ city: 'Paris' });
    // The legacy JSON content and the typed blocks both carry the tool call.
    expect(JSON.parse(String(first.content))).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'tool_call', id: call.id })]),
    );
    const typed = (first.content_blocks as Json[]).find(block => block.block === 'tool_call_block');
    expect((typed?.tool_call_block as Json | undefined)?.id).toBe(call.id);

    const parsed = await clients.call(clients.provider, 'ParseToolCalls', first);
    expect(parsed.tool_calls).toEqual(calls);

    const second = await clients.call(clients.provider, 'Complete', {
      messages: [
        question,
        { role: 'ROLE_ASSISTANT', block_content: { blocks: first.content_blocks } },
        {
          role: 'ROLE_TOOL',
          tool_call_id: call.id,
          block_content: {
            blocks: [
              { tool_result_block: { tool_call_id: call.id, output_json: '"sunny, 21 C"' } },
            ],
          },
        },
      ],
      tools: [WEATHER_TOOL],
      model: 'gpt-4o',
    });
    expect(second.finish_reason).toBe('stop');
    expect(second.tool_calls).toEqual([]);
    const text = (second.content_blocks as Json[])
      .filter(block => block.block === 'text_block')
      .map(block => (block.text_block as Json).text)
      .join('');
    expect(text).toContain('sunny, 21 C');
    expect(second.usage).toMatchObject({
      prompt_tokens: expect.any(Number),
      completion_tokens: expect.any(Number),
    });
    expect(JSON.parse(String(second.metadata_json))).toEqual(expect.any(Object));
  });

  it('Complete: malformed tool arguments keep the raw text in arguments_json and input_json, never {}', async () => {
    emulator.addFault({ kind: 'malformed-tool-arguments', times: 1 });
    const answer = await clients.call(clients.provider, 'Complete', {
      messages: [userMessage("What's the weather in Paris?")],
      tools: [WEATHER_TOOL],
      model: 'gpt-4o',
    });
    const call = (answer.tool_calls as Json[])[0] as Json;
    const raw = String(call.arguments_json);
    expect(raw).not.toBe('{}');
    expect(() => JSON.parse(raw)).toThrow();
    expect(raw).toContain('Paris');
    const typed = (answer.content_blocks as Json[]).find(
      block => block.block === 'tool_call_block',
    );
    expect((typed?.tool_call_block as Json | undefined)?.input_json).toBe(raw);
    const legacy = JSON.parse(String(answer.content)) as Json[];
    expect(legacy.find(block => block.type === 'tool_call')).toMatchObject({
      raw_arguments: raw,
      parse_error: expect.stringMatching(/not valid JSON/),
    });
    // ParseToolCalls gives the raw text and the parse error back as typed fields.
    const parsed = await clients.call(clients.provider, 'ParseToolCalls', answer);
    expect((parsed.tool_calls as Json[])[0]?.arguments_json).toBe(raw);
  });

  it('Complete: a reasoning model tool-call turn round-trips through typed blocks (strict emulator)', async () => {
    const question = userMessage("What's the weather in Paris?");
    const first = await clients.call(clients.provider, 'Complete', {
      messages: [question],
      tools: [WEATHER_TOOL],
      model: 'gpt-5',
    });
    expect(first.finish_reason).toBe('tool_calls');
    const blocks = first.content_blocks as Json[];
    expect(blocks.map(block => block.block)).toEqual(['thinking_block', 'tool_call_block']);
    const call = (first.tool_calls as Json[])[0] as Json;
    // The typed blocks have no item_id: the thinking block's content carries the follower id.
    const thinking = JSON.parse(
      String((blocks[0]?.thinking_block as Json | undefined)?.content),
    ) as unknown[];
    expect(thinking[2]).toMatch(/^fc_/);
    const second = await clients.call(clients.provider, 'Complete', {
      messages: [
        question,
        { role: 'ROLE_ASSISTANT', block_content: { blocks } },
        {
          role: 'ROLE_TOOL',
          tool_call_id: call.id,
          block_content: {
            blocks: [{ tool_result_block: { tool_call_id: call.id, output_json: '"sunny"' } }],
          },
        },
      ],
      tools: [WEATHER_TOOL],
      model: 'gpt-5',
    });
    expect(second.finish_reason).toBe('stop');
    const input = (emulator.recorder.last()?.body as Json | undefined)?.input as Json[];
    expect(input.map(item => item.type ?? item.role)).toEqual([
      'message',
      'reasoning',
      'function_call',
      'function_call_output',
    ]);
    expect(input[2]?.id).toBe(thinking[2]);
  });

  it('Complete: a hosted tool item (metadata_json native_tools) round-trips as a typed reasoning block', async () => {
    const question = userMessage('run python to add 2 and 2');
    const metadata_json = JSON.stringify({ native_tools: ['code_interpreter'] });
    const first = await clients.call(clients.provider, 'Complete', {
      messages: [question],
      model: 'gpt-5',
      metadata_json,
    });
    const blocks = first.content_blocks as Json[];
    expect(blocks.map(block => block.block)).toEqual([
      'thinking_block',
      'reasoning_block',
      'text_block',
    ]);
    const reasoning = blocks[1]?.reasoning_block as { content: string[]; summary: string[] };
    const item = JSON.parse(String(reasoning.content[0])) as Json;
    expect(item).toMatchObject({ type: 'code_interpreter_call', status: 'completed' });
    expect(JSON.parse(String(reasoning.summary[0]))).toBe('code_interpreter (completed)');
    const second = await clients.call(clients.provider, 'Complete', {
      messages: [
        question,
        { role: 'ROLE_ASSISTANT', block_content: { blocks } },
        userMessage('thanks'),
      ],
      model: 'gpt-5',
      metadata_json,
    });
    expect(second.finish_reason).toBe('stop');
    const input = (emulator.recorder.last()?.body as Json | undefined)?.input as Json[];
    expect(input.map(item => item.type ?? item.role)).toEqual([
      'message',
      'reasoning',
      'code_interpreter_call',
      'message',
      'message',
    ]);
    expect(input[2]).toEqual(item);
  });

  it('CompleteStreaming: deltas then the complete response last', async () => {
    const messages = await clients.stream({
      messages: [userMessage('Say hello to the stream')],
      model: 'gpt-4o',
    });
    expect(messages.length).toBeGreaterThan(2);
    const last = messages.at(-1) as Json;
    const deltas = messages.slice(0, -1);
    expect(last.finish_reason).toBe('stop');
    expect(last.usage).toMatchObject({ total_tokens: expect.any(Number) });
    for (const delta of deltas) {
      expect(delta.finish_reason).toBe('');
      expect(JSON.parse(String(delta.metadata_json)).stream_event).toEqual(expect.any(String));
    }
    const streamed = deltas
      .flatMap(delta => delta.content_blocks as Json[])
      .filter(block => block.block === 'text_block')
      .map(block => (block.text_block as Json).text)
      .join('');
    const final = (last.content_blocks as Json[])
      .filter(block => block.block === 'text_block')
      .map(block => (block.text_block as Json).text)
      .join('');
    expect(streamed).toBe(final);
    expect(final).toContain('Say hello to the stream');
  });

  it('CompleteStreaming sends a finished tool call as its own message', async () => {
    const messages = await clients.stream({
      messages: [userMessage("What's the weather in Oslo?")],
      tools: [WEATHER_TOOL],
      model: 'gpt-4o',
    });
    const toolMessages = messages
      .slice(0, -1)
      .filter(message => (message.tool_calls as Json[]).length > 0);
    expect(toolMessages).toHaveLength(1);
    const [call] = (toolMessages[0]?.tool_calls ?? []) as Json[];
    expect(JSON.parse(String(call?.arguments_json))).toEqual({ city: 'Oslo' });
    expect((messages.at(-1) as Json).finish_reason).toBe('tool_calls');
  });

  it('maps a missing deployment to NOT_FOUND with the typed error in message and metadata', async () => {
    const failure = await clients.fail(clients.provider, 'Complete', {
      messages: [userMessage('hi')],
      model: 'no-such-deployment',
    });
    expect(failure.code).toBe(status.NOT_FOUND);
    expect(failure.details).toMatch(/^DeploymentNotFoundError: /);
    expect(failure.details).toContain('no-such-deployment');
    expect(failure.metadata['x-error-name']).toBe('DeploymentNotFoundError');
    expect(failure.metadata['x-request-id']).toEqual(expect.any(String));
    expect(failure.metadata['x-client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(failure.metadata['x-retryable']).toBe('false');
  });

  it('maps a content-filter refusal to INVALID_ARGUMENT', async () => {
    emulator.addFault({ kind: 'content-filter', times: 1, category: 'violence' });
    try {
      const failure = await clients.fail(clients.provider, 'Complete', {
        messages: [userMessage('hi')],
      });
      expect(failure.code).toBe(status.INVALID_ARGUMENT);
      expect(failure.metadata['x-error-name']).toBe('ContentFilterError');
      expect(failure.metadata['x-provider-error-type']).toBe('PROVIDER_ERROR_TYPE_CONTENT_FILTER');
    } finally {
      emulator.clearFaults();
    }
  });

  it('maps a context-length refusal to INVALID_ARGUMENT', async () => {
    emulator.addFault({ kind: 'context-length-exceeded', times: 1 });
    try {
      const failure = await clients.fail(clients.provider, 'Complete', {
        messages: [userMessage('hi')],
      });
      expect(failure.code).toBe(status.INVALID_ARGUMENT);
      expect(failure.metadata['x-error-name']).toBe('ContextLengthExceededError');
    } finally {
      emulator.clearFaults();
    }
  });

  it('maps a 5xx to UNAVAILABLE', async () => {
    emulator.addFault({ kind: 'server-error', times: 1, status: 503 });
    try {
      const failure = await clients.fail(clients.provider, 'Complete', {
        messages: [userMessage('hi')],
      });
      expect(failure.code).toBe(status.UNAVAILABLE);
      expect(failure.metadata['x-retryable']).toBe('true');
    } finally {
      emulator.clearFaults();
    }
  });

  it('fails a stream cut mid-way with UNAVAILABLE (never a partial answer as complete)', async () => {
    emulator.addFault({ kind: 'drop-mid-stream', times: 1, afterEvents: 4 });
    try {
      const error = await clients
        .stream({ messages: [userMessage('Say hello to the stream')], model: 'gpt-4o' })
        .then(
          () => undefined,
          (failure: { code: number; metadata: { get(key: string): unknown[] } }) => failure,
        );
      expect(error?.code).toBe(status.UNAVAILABLE);
      expect(error?.metadata.get('x-error-name')).toEqual(['StreamInterruptedError']);
    } finally {
      emulator.clearFaults();
    }
  });

  it('replays a tool-call block with malformed input_json as the raw arguments text (not {})', async () => {
    emulator.recorder.clear();
    const complete = await clients.call(clients.provider, 'Complete', {
      model: 'gpt-4o',
      messages: [
        userMessage('hi'),
        {
          role: 'ROLE_ASSISTANT',
          block_content: {
            blocks: [{ tool_call_block: { id: 'c1', name: 'f', input_json: '{oops' } }],
          },
        },
      ],
    });
    expect(complete.finish_reason).toBe('stop');
    const input = (emulator.recorder.responsesRequests()[0]?.body as Json | undefined)
      ?.input as Json[];
    expect(input.find(item => item.type === 'function_call')).toMatchObject({
      call_id: 'c1',
      arguments: '{oops',
    });

    const parse = await clients.call(clients.provider, 'ParseToolCalls', {
      tool_calls: [{ id: 'c1', name: 'f', arguments_json: 'not json' }],
    });
    expect(parse.tool_calls).toEqual([{ id: 'c1', name: 'f', arguments_json: 'not json' }]);
  });

  it('GetModuleInfo describes a provider module with its config schema', async () => {
    const info = await clients.call(clients.lifecycle, 'GetModuleInfo');
    expect(info).toMatchObject({
      id: 'provider-azure-openai',
      name: 'amplifier-module-provider-azure-openai',
      module_type: 'MODULE_TYPE_PROVIDER',
      mount_point: 'providers',
    });
    const schema = JSON.parse(String(info.config_schema_json)) as { properties: Json };
    expect(Object.keys(schema.properties)).toContain('azure_endpoint');
  });

  it('HealthCheck reports SERVING', async () => {
    expect(await clients.call(clients.lifecycle, 'HealthCheck')).toEqual({
      status: 'HEALTH_STATUS_SERVING',
      message: expect.any(String),
    });
  });

  it('maps 429 to RESOURCE_EXHAUSTED with retry-after metadata', async () => {
    // Last in this suite: the throttled deployment then cools down for the retry-after period.
    emulator.addFault({ kind: 'rate-limit', times: 1, retryAfterMs: 2000 });
    try {
      const failure = await clients.fail(clients.provider, 'Complete', {
        messages: [userMessage('hi')],
      });
      expect(failure.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(failure.metadata['x-error-name']).toBe('RateLimitError');
      expect(failure.metadata['x-retry-after-ms']).toBe('2000');
      expect(failure.metadata['x-retryable']).toBe('true');
    } finally {
      emulator.clearFaults();
    }
  });
});

describe('gRPC authentication failure', () => {
  it('maps 401 to UNAUTHENTICATED without leaking the key', async () => {
    const emulator = await startEmulator({ port: 0 });
    const wrongKey = 'wrong-key-0123456789abcdef';
    const server = await startGrpcServer({
      config: {
        azure_endpoint: emulator.url,
        api_key: wrongKey,
        default_model: 'gpt-4o',
        max_retries: 0,
      },
      env: {},
    });
    const clients = officialClients(server.address);
    try {
      const failure = await clients.fail(clients.provider, 'Complete', {
        messages: [userMessage('hi')],
      });
      expect(failure.code).toBe(status.UNAUTHENTICATED);
      expect(failure.details).toMatch(/^AuthenticationError: /);
      expect(failure.metadata['x-error-name']).toBe('AuthenticationError');
      expect(JSON.stringify(failure)).not.toContain(wrongKey);
    } finally {
      clients.close();
      await server.close();
      await emulator.close();
    }
  });
});

describe('ModuleLifecycle Mount / Cleanup', () => {
  let emulator: Emulator;
  let server: GrpcServerHandle;
  let clients: OfficialClients;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    server = await startGrpcServer({ env: {} });
    clients = officialClients(server.address);
  });
  afterAll(async () => {
    clients.close();
    await server.close();
    await emulator.close();
  });

  it('starts unmounted without configuration, and says what to set', async () => {
    expect(server.mounted).toBe(false);
    const health = await clients.call(clients.lifecycle, 'HealthCheck');
    expect(health.status).toBe('HEALTH_STATUS_NOT_SERVING');
    expect(health.message).toContain('AZURE_OPENAI_ENDPOINT');
    const failure = await clients.fail(clients.provider, 'Complete', {
      messages: [userMessage('hi')],
    });
    expect(failure.code).toBe(status.FAILED_PRECONDITION);
    expect(failure.metadata['x-error-name']).toBe('NotMountedError');
  });

  it('Mount with an invalid config reports the problem and stays unmounted', async () => {
    const result = await clients.call(clients.lifecycle, 'Mount', {
      config: { azure_endpoint: emulator.url, api_key: emulator.apiKey, max_retries: 'many' },
      module_id: 'provider-azure-openai',
    });
    expect(result.success).toBe(false);
    expect(result.error).toContain('max_retries');
    expect(result.status).toBe('HEALTH_STATUS_NOT_SERVING');
  });

  it('Mount with the kernel config builds the provider; Cleanup closes it', async () => {
    const result = await clients.call(clients.lifecycle, 'Mount', {
      config: {
        azure_endpoint: emulator.url,
        api_key: emulator.apiKey,
        default_model: 'gpt-4o',
        deployment_mapping: '{"gpt-4o":"gpt-4o"}',
        max_retries: '0',
      },
      module_id: 'provider-azure-openai',
    });
    expect(result).toEqual({ success: true, error: '', status: 'HEALTH_STATUS_SERVING' });
    expect(server.mounted).toBe(true);
    const answer = await clients.call(clients.provider, 'Complete', {
      messages: [userMessage('ping')],
    });
    expect(answer.finish_reason).toBe('stop');

    await clients.call(clients.lifecycle, 'Cleanup');
    expect(server.mounted).toBe(false);
    const health = await clients.call(clients.lifecycle, 'HealthCheck');
    expect(health.status).toBe('HEALTH_STATUS_NOT_SERVING');
    const failure = await clients.fail(clients.provider, 'GetInfo');
    expect(failure.code).toBe(status.FAILED_PRECONDITION);
  });
});

describe('transport options', () => {
  it('listens on a Unix domain socket', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'amplifier-grpc-'));
    const socket = path.join(dir, 'provider.sock');
    const server = await startGrpcServer({ env: {}, socket });
    const clients = officialClients(server.address);
    try {
      expect(server.address).toBe(`unix:${socket}`);
      expect(server.port).toBeUndefined();
      expect((await clients.call(clients.lifecycle, 'HealthCheck')).status).toBe(
        'HEALTH_STATUS_NOT_SERVING',
      );
    } finally {
      clients.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects messages over the size limit', async () => {
    const server = await startGrpcServer({ env: {}, maxMessageBytes: 1024 });
    const clients = officialClients(server.address);
    try {
      const failure = await clients.fail(clients.provider, 'Complete', {
        messages: [userMessage('x'.repeat(4096))],
      });
      expect(failure.code).toBe(status.RESOURCE_EXHAUSTED);
    } finally {
      clients.close();
      await server.close();
    }
  });
});

import type { Emulator } from '@amplifier-azure-openai/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emulatorEnv,
  expectNoSecrets,
  startTestEmulator,
  waitForRequestContaining,
  writeTemp,
} from './fixtures.js';
import { collect, runBin, spawnBin } from './run-bin.js';

let emulator: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startTestEmulator();
  env = emulatorEnv(emulator);
});
afterAll(async () => {
  await emulator.close();
});

const WEATHER_PARAMETERS = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
};

describe('chat (child process against the emulator)', () => {
  it('prints a text answer as text', async () => {
    const result = await runBin(['chat', 'hello', 'there'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Echo: hello there\n');
    expect(result.stderr).toBe('');
    expectNoSecrets(result, emulator.apiKey);
    const request = emulator.recorder.responsesRequests().at(-1);
    expect(request?.auth).toBe('api-key');
    expect(request?.body).toMatchObject({ model: 'gpt-5', max_output_tokens: 4096 });
  });

  it('streams the answer with --stream (a streaming request, same text)', async () => {
    const result = await runBin(['chat', '--stream', 'long answer 12 words'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      'Azure OpenAI streams this deterministic answer one word at a time so\n',
    );
    expect(emulator.recorder.responsesRequests().at(-1)?.stream).toBe(true);
  });

  it('sends --model to the deployment it maps to', async () => {
    const settings = writeTemp(
      'settings.toml',
      '[[providers]]\nname = "azure-openai"\n\n[providers.config]\ndeployment_mapping = { "fast" = "gpt-4o-mini" }\n',
    );
    const result = await runBin(['chat', '--config', settings, '--model', 'fast', 'hi'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Echo: hi\n');
    expect(emulator.recorder.responsesRequests().at(-1)?.deployment).toBe('gpt-4o-mini');
  });

  it('prints tool calls as `tool_call <name> <arguments JSON>` (parameters form)', async () => {
    const tools = writeTemp(
      'tools.json',
      JSON.stringify([{ name: 'get_weather', parameters: WEATHER_PARAMETERS }]),
    );
    const result = await runBin(
      ['chat', '--tools', tools, "What's the weather in Paris and Tokyo?"],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      'tool_call get_weather {"city":"Paris"}\ntool_call get_weather {"city":"Tokyo"}\n',
    );
    const body = emulator.recorder.responsesRequests().at(-1)?.body as { tools: unknown[] };
    expect(body.tools).toEqual([
      expect.objectContaining({ type: 'function', name: 'get_weather' }),
    ]);
  });

  it('prints the raw arguments of a tool call whose arguments are not valid JSON', async () => {
    const tools = writeTemp(
      'tools.json',
      JSON.stringify([{ name: 'get_weather', parameters: WEATHER_PARAMETERS }]),
    );
    emulator.addFault({ kind: 'malformed-tool-arguments' });
    const result = await runBin(['chat', '--tools', tools, 'weather in Paris'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^tool_call get_weather \{"city":"?[^}]*\n$/);
    expect(() => JSON.parse(result.stdout.replace('tool_call get_weather ', ''))).toThrow();
  });

  it('accepts the input_schema form and streams tool calls', async () => {
    const tools = writeTemp(
      'tools.json',
      JSON.stringify([
        {
          name: 'lookup_stock',
          description: 'Price',
          input_schema: {
            type: 'object',
            properties: { symbol: { type: 'string' } },
            required: ['symbol'],
          },
        },
      ]),
    );
    const result = await runBin(
      ['chat', '--stream', '--tools', tools, 'lookup stock for MSFT'],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('tool_call lookup_stock {"symbol":"MSFT"}\n');
  });

  it('prints the Amplifier ChatResponse with --json', async () => {
    const result = await runBin(['chat', '--json', '--model', 'gpt-4o', 'hi'], env);
    expect(result.code, result.stderr).toBe(0);
    const response = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(response).toMatchObject({
      content: [{ type: 'text', text: 'Echo: hi' }],
      finish_reason: 'stop',
      metadata: { deployment: 'gpt-4o', model: 'gpt-4o' },
      usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
    });
    expect((response.metadata as { request_id?: unknown }).request_id).toEqual(expect.any(String));
  });

  it('prints --json with --stream as the final ChatResponse', async () => {
    const result = await runBin(['chat', '--json', '--stream', 'hi'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      content: expect.any(Array),
      finish_reason: 'stop',
    });
  });

  it('prints configuration warnings on stderr, the answer on stdout', async () => {
    const result = await runBin(['chat', 'hi'], {
      ...env,
      AZURE_OPENAI_ENDPOINT: `${emulator.url}/openai/v1/`,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Echo: hi\n');
    expect(result.stderr).toMatch(/^warning: azure_endpoint: .*\/openai\/v1/);
  });

  it('reads the prompt from standard input with `-`', async () => {
    const child = spawnBin(['chat', '-'], env, undefined, 'pipe');
    const done = collect(child);
    child.stdin?.end('a prompt\nover two lines\n');
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Echo: a prompt\nover two lines\n');
    const sent = emulator.recorder.responsesRequests().at(-1)?.body as { input?: unknown };
    expect(JSON.stringify(sent.input)).toContain('a prompt\\nover two lines');

    const empty = spawnBin(['chat', '-'], env, undefined, 'pipe');
    const emptyDone = collect(empty);
    empty.stdin?.end('  \n');
    const refused = await emptyDone;
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^error: UsageError: The prompt read from standard input \(chat -\) is empty\./,
    );
  });

  it('cancels the call in flight on SIGINT: one error line, exit 130', async () => {
    emulator.addFault({ kind: 'latency', ms: 30_000, deployment: 'gpt-4o-mini' });
    const child = spawnBin(['chat', '--model', 'gpt-4o-mini', 'wait for me'], env);
    const done = collect(child);
    try {
      await waitForRequestContaining(emulator, 'wait for me');
      child.kill('SIGINT');
      const result = await done;
      expect(result.code).toBe(130);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^error: AbortedError: .+\n$/);
    } finally {
      emulator.clearFaults();
    }
  });

  it('logs deployment resolution and usage to stderr with --verbose, stdout unchanged', async () => {
    const result = await runBin(['--verbose', 'chat', 'hi'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Echo: hi\n');
    expect(result.stderr).toContain('debug: gpt-5 -> gpt-5 (passthrough)');
    expect(result.stderr).toMatch(
      /debug: deployment gpt-5, request [\w-]+, client request [\w-]+, \d+ in \/ \d+ out tokens/,
    );
    expectNoSecrets(result, emulator.apiKey);
  });
});

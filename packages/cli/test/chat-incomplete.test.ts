import type { Emulator } from '@amplifier-azure-openai/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorEnv, expectErrorLine, startTestEmulator, writeTemp } from './fixtures.js';
import { runBin } from './run-bin.js';

let emulator: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startTestEmulator();
  env = emulatorEnv(emulator);
});
beforeEach(() => {
  emulator.recorder.clear();
});
afterAll(async () => {
  await emulator.close();
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/;

describe('chat: incomplete answers are never silent (child process, emulator)', () => {
  it('a reasoning model out of budget: warning naming max_tokens on stderr, exit 7', async () => {
    const settings = writeTemp('small.toml', 'max_tokens = 16\n');
    const result = await runBin(
      ['chat', '--config', settings, 'Explain relativity in detail'],
      env,
    );
    expect(result.code, result.stderr).toBe(7);
    expect(result.stderr).toMatch(
      /warning: The model spent its whole output budget \(16 tokens\) on reasoning .*max_tokens/,
    );
    expect(result.stderr).toMatch(
      /warning: The answer is incomplete \(finish_reason length\); exit code 7\. Pass --allow-incomplete/,
    );
    expect(result.stderr).not.toMatch(/^error:/m);
  });

  it('--allow-incomplete exits 0 and still prints the warning', async () => {
    const settings = writeTemp('small.toml', 'max_tokens = 16\n');
    const result = await runBin(
      ['chat', '--config', settings, '--allow-incomplete', '--json', 'Explain relativity'],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: The model spent its whole output budget/);
    const response = JSON.parse(result.stdout) as {
      finish_reason: string;
      metadata: { incomplete: { reasoning_only: boolean; reason: string } };
    };
    expect(response.finish_reason).toBe('length');
    expect(response.metadata.incomplete).toMatchObject({
      reason: 'max_output_tokens',
      reasoning_only: true,
    });
  });

  it('a text answer cut off at the limit (streamed) prints the partial text and exits 7', async () => {
    emulator.addFault({ kind: 'incomplete', reason: 'max_output_tokens' });
    const result = await runBin(
      ['chat', '--stream', '--model', 'gpt-4o', 'long answer 12 words'],
      env,
    );
    expect(result.code, result.stderr).toBe(7);
    expect(result.stdout).not.toBe('');
    expect(result.stderr).toMatch(/warning: The answer was cut off at the output limit/);
  });

  it('content filter mid-answer: exit 6 unless --allow-incomplete', async () => {
    emulator.addFault({ kind: 'incomplete', reason: 'content_filter', times: 2 });
    const blocked = await runBin(['chat', '--model', 'gpt-4o', 'tell me a story'], env);
    const line = expectErrorLine(blocked, 6, 'ContentFilterError');
    expect(line).toMatch(/apim-request-id [\w-]+, x-ms-client-request-id /);
    const allowed = await runBin(
      ['chat', '--model', 'gpt-4o', '--allow-incomplete', 'tell me a story'],
      env,
    );
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stderr).toMatch(/warning: The answer is incomplete: Azure's content filter/);
  });
});

describe('correlation ids on the CLI', () => {
  it('the error line carries apim-request-id and the x-ms-client-request-id that was sent', async () => {
    const settings = writeTemp('t.toml', 'deployment_mapping = { "gpt-4o" = "filtered" }\n');
    const result = await runBin(['chat', '--config', settings, '--model', 'gpt-4o', 'hi'], env);
    const line = expectErrorLine(result, 6, 'ContentFilterError');
    const sent = emulator.recorder.responsesRequests().at(-1);
    expect(line).toContain(`apim-request-id ${sent?.requestId}`);
    expect(line).toContain(`x-ms-client-request-id ${sent?.headers['x-ms-client-request-id']}`);
  });

  it('every --verbose event line carries the client request id', async () => {
    const result = await runBin(['--verbose', 'chat', '--model', 'gpt-4o', 'hi'], env);
    expect(result.code, result.stderr).toBe(0);
    const events = result.stderr.split('\n').filter(line => line.startsWith('debug: event '));
    expect(events.map(line => line.split(' ')[2])).toEqual(['llm:request', 'llm:response']);
    for (const line of events)
      expect(line).toMatch(new RegExp(`"client_request_id":"${UUID.source}"`));
    expect(events[1]).toMatch(/"request_id":"[\w-]+"/);
  });
});

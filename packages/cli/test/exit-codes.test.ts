import type { Emulator } from '@amplifier-azure-openai/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emulatorEnv,
  expectErrorLine,
  expectNoSecrets,
  startTestEmulator,
  writeTemp,
} from './fixtures.js';
import { runBin } from './run-bin.js';

let emulator: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startTestEmulator();
  env = emulatorEnv(emulator);
});
afterAll(async () => {
  await emulator.close();
});

describe('error lines and exit codes (child process against the emulator)', () => {
  it('2: usage errors (unknown command, unknown flag, missing prompt, missing value)', async () => {
    expectErrorLine(await runBin(['nope'], env), 2, 'UsageError');
    const unknownFlag = await runBin(['chat', '--temperature', '1', 'hi'], env);
    expect(expectErrorLine(unknownFlag, 2, 'UsageError')).toContain("'--temperature'");
    expectErrorLine(await runBin(['chat'], env), 2, 'UsageError');
    expect(
      expectErrorLine(await runBin(['chat', 'hi', '--config'], env), 2, 'UsageError'),
    ).toContain('--config FILE');
    expectErrorLine(await runBin(['config', 'extra'], env), 2, 'UsageError');
    expectErrorLine(await runBin(['serve', '--port', 'x'], env), 2, 'UsageError');
    expectErrorLine(await runBin(['--bogus'], env), 2, 'UsageError');
  });

  it('2: a bad configuration value names the key', async () => {
    const settings = writeTemp('bad.toml', 'temperature = "hot"\n');
    const result = await runBin(['chat', '--config', settings, 'hi'], env);
    expect(expectErrorLine(result, 2, 'ConfigError')).toContain('temperature');
    expect(emulator.recorder.responsesRequests().every(r => r.body !== undefined)).toBe(true);
  });

  it('2: a settings file that is not TOML gives the line', async () => {
    const settings = writeTemp('broken.toml', `api_key = "${emulator.apiKey}"\nthis is not toml\n`);
    const result = await runBin(['chat', '--config', settings, 'hi'], env);
    expect(expectErrorLine(result, 2, 'ConfigError')).toMatch(/line 2/);
    expectNoSecrets(result, emulator.apiKey);
  });

  it('2: no endpoint at all', async () => {
    const result = await runBin(['chat', 'hi'], { AZURE_OPENAI_API_KEY: emulator.apiKey });
    expect(expectErrorLine(result, 2, 'ConfigError')).toContain('AZURE_OPENAI_ENDPOINT');
  });

  it('2: a bad --tools file says what is wrong', async () => {
    const notJson = writeTemp('tools.json', '{ nope');
    expect(
      expectErrorLine(await runBin(['chat', '--tools', notJson, 'hi'], env), 2, 'ToolsFileError'),
    ).toContain('not valid JSON');
    const noName = writeTemp('tools.json', JSON.stringify([{ parameters: { type: 'object' } }]));
    expect(
      expectErrorLine(await runBin(['chat', '--tools', noName, 'hi'], env), 2, 'ToolsFileError'),
    ).toContain('tools[0]');
    expectErrorLine(
      await runBin(['chat', '--tools', '/does/not/exist.json', 'hi'], env),
      2,
      'ToolsFileError',
    );
  });

  it('3: a wrong API key (401), never printed', async () => {
    const wrongKey = 'wrong-key-0123456789abcdef';
    const result = await runBin(['chat', 'hi'], { ...env, AZURE_OPENAI_API_KEY: wrongKey });
    expectErrorLine(result, 3, 'AuthenticationError');
    expectNoSecrets(result, wrongKey, emulator.apiKey);
  });

  it('3: no credential configured', async () => {
    const result = await runBin(['chat', 'hi'], { AZURE_OPENAI_ENDPOINT: emulator.url });
    expectErrorLine(result, 3, 'NoCredentialConfiguredError');
  });

  it('4: deployment not found', async () => {
    const result = await runBin(['chat', '--model', 'no-such-deployment', 'hi'], env);
    expect(expectErrorLine(result, 4, 'DeploymentNotFoundError')).toContain('no-such-deployment');
  });

  it('5: rate limited after the retries', async () => {
    const settings = writeTemp('retries.json', JSON.stringify({ max_retries: 1 }));
    const before = emulator.recorder
      .responsesRequests()
      .filter(r => r.deployment === 'throttled').length;
    const result = await runBin(
      ['chat', '--verbose', '--config', settings, '--model', 'throttled', 'hi'],
      env,
    );
    expectErrorLine(result, 5, 'RateLimitError');
    expect(result.stderr).toMatch(/^debug: event provider:retry /m);
    const after = emulator.recorder
      .responsesRequests()
      .filter(r => r.deployment === 'throttled').length;
    expect(after - before).toBe(2);
  });

  it('6: content filtered', async () => {
    const result = await runBin(['chat', '--model', 'filtered', 'hi'], env);
    expect(expectErrorLine(result, 6, 'ContentFilterError')).toMatch(/violence/i);
  });

  it('6: content filtered while streaming', async () => {
    const result = await runBin(['chat', '--stream', '--model', 'filtered', 'hi'], env);
    expectErrorLine(result, 6, 'ContentFilterError');
  });

  it('1: anything else (connection refused)', async () => {
    const settings = writeTemp('retries.json', JSON.stringify({ max_retries: 0 }));
    const result = await runBin(['chat', '--config', settings, 'hi'], {
      ...env,
      AZURE_OPENAI_ENDPOINT: 'http://127.0.0.1:9',
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr.split('\n').filter(l => l.startsWith('error: '))).toHaveLength(1);
  });
});

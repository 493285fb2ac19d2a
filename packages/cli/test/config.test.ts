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

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

function row(stdout: string, key: string): string {
  return stdout.split('\n').find(line => line.trimStart().startsWith(`${key} `)) ?? '';
}

describe('config (child process)', () => {
  it('shows each value with its source, secrets redacted, warnings, auth and deployments', async () => {
    const settings = writeTemp(
      'settings.toml',
      [
        '[[providers]]',
        'name = "azure-openai"',
        '',
        '[providers.config]',
        `api_key = "${emulator.apiKey}"`,
        'temperature = 0.2',
        'deployment_mapping = { "gpt-5" = ["production-gpt5", "backup-gpt5"] }',
        '',
      ].join('\n'),
    );
    const result = await runBin(['config', '--config', settings], {
      AZURE_OPENAI_ENDPOINT: `${emulator.url}/openai/v1/`,
      AZURE_OPENAI_MAX_OUTPUT_TOKENS: '1000',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(row(result.stdout, 'azure_endpoint')).toMatch(
      new RegExp(`${emulator.url}\\s+\\(env\\)$`),
    );
    expect(row(result.stdout, 'api_key')).toMatch(/\[REDACTED\]\s+\(config\)$/);
    expect(row(result.stdout, 'temperature')).toMatch(/0\.2\s+\(config\)$/);
    expect(row(result.stdout, 'max_tokens')).toMatch(/1000\s+\(env\)$/);
    expect(row(result.stdout, 'timeout')).toMatch(/600\s+\(default\)$/);
    expect(result.stdout).toMatch(/Warnings:\n\s+- azure_endpoint: .*\/openai\/v1/);
    expect(result.stdout).toMatch(/Authentication:\n\s+api-key/);
    expect(result.stdout).toContain(
      'gpt-5 -> production-gpt5, backup-gpt5 (mapping) [default model]',
    );
    expectNoSecrets(result, emulator.apiKey);
  });

  it('reads a plain JSON file of the keys', async () => {
    const settings = writeTemp(
      'azure.json',
      JSON.stringify({ azure_endpoint: emulator.url, api_version: '2025-04-01-preview' }),
    );
    const result = await runBin(['config', '--config', settings], {
      AZURE_OPENAI_API_KEY: emulator.apiKey,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(row(result.stdout, 'api_version')).toMatch(/2025-04-01-preview\s+\(config\)$/);
    expect(row(result.stdout, 'api_surface')).toMatch(/dated/);
    expectNoSecrets(result, emulator.apiKey);
  });

  it('says when no credential is configured, without failing', async () => {
    const result = await runBin(['config'], { AZURE_OPENAI_ENDPOINT: emulator.url });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Authentication:\n\s+none: No Azure OpenAI credential/);
  });

  it('exits 2 with one error line for an invalid configuration', async () => {
    const settings = writeTemp('bad.toml', 'max_retries = -1\n');
    const result = await runBin(['config', '--config', settings], emulatorEnv(emulator));
    expect(expectErrorLine(result, 2, 'ConfigError')).toContain('max_retries');
    expect(result.stdout).toBe('');
  });
});

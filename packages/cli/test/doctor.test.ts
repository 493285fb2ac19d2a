import type { Emulator } from '@amplifier-azure-openai/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv, expectNoSecrets, startTestEmulator, writeTemp } from './fixtures.js';
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

function line(stdout: string, pattern: RegExp): string {
  return stdout.split('\n').find(l => pattern.test(l)) ?? '';
}

describe('doctor (child process against the emulator)', () => {
  it('passes a working set-up with a real tiny request per deployment', async () => {
    const settings = writeTemp(
      'settings.toml',
      'deployment_mapping = { "gpt-5" = "production-gpt5", "gpt-4o" = "gpt-4o" }\n',
    );
    emulator.recorder.clear();
    const result = await runBin(['doctor', '--config', settings], env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(line(result.stdout, /config:/)).toMatch(/^\s+pass\s+config: valid/);
    expect(line(result.stdout, /endpoint:/)).toMatch(/WARN\s+endpoint: .*http:\/\//);
    expect(line(result.stdout, /api version:/)).toMatch(/pass\s+api version: v1/);
    expect(line(result.stdout, /auth:/)).toMatch(/pass\s+auth: api-key/);
    expect(line(result.stdout, /production-gpt5/)).toMatch(
      /pass\s+deployment gpt-5 -> production-gpt5 \(mapping\): answered/,
    );
    expect(line(result.stdout, /-> gpt-4o/)).toMatch(/pass\s+deployment gpt-4o -> gpt-4o/);
    expect(result.stdout).toMatch(/\d+ passed, 1 warning, 0 failed/);
    // The 16-token probe of a reasoning deployment is incomplete on purpose: no warning for it.
    expect(result.stderr).not.toMatch(/output budget/);
    const probes = emulator.recorder.responsesRequests();
    expect(probes.map(r => r.deployment).sort()).toEqual(['gpt-4o', 'production-gpt5']);
    for (const probe of probes) expect(probe.body).toMatchObject({ max_output_tokens: 16 });
    expectNoSecrets(result, emulator.apiKey);
  });

  it('fails on a missing deployment, naming it, with exit code 4', async () => {
    const settings = writeTemp(
      'settings.toml',
      'deployment_mapping = { "gpt-5" = ["production-gpt5", "missing-deployment"] }\n',
    );
    const result = await runBin(['doctor', '--config', settings], env);
    expect(result.code, result.stdout).toBe(4);
    expect(line(result.stdout, /missing-deployment/)).toMatch(
      /FAIL\s+deployment gpt-5 -> missing-deployment \(mapping, failover\): DeploymentNotFound: no deployment named 'missing-deployment'/,
    );
    expect(result.stdout).toMatch(/fix: Create a deployment named 'missing-deployment'/);
    expect(line(result.stdout, /production-gpt5/)).toMatch(/pass/);
    expect(result.stdout).toMatch(/1 failed/);
  });

  it('fails authentication with a wrong key (exit 3), never printing it', async () => {
    const wrongKey = 'definitely-wrong-key-42';
    const result = await runBin(['doctor'], { ...env, AZURE_OPENAI_API_KEY: wrongKey });
    expect(result.code, result.stdout).toBe(3);
    expect(line(result.stdout, /deployment gpt-5/)).toMatch(
      /FAIL\s+deployment gpt-5 -> gpt-5.*AuthenticationError/,
    );
    expectNoSecrets(result, wrongKey);
  });

  it('acquires a real managed-identity token and warns about temperature on reasoning models', async () => {
    const settings = writeTemp('mi.toml', 'use_managed_identity = true\ntemperature = 0.4\n');
    const before = emulator.tokenRequests();
    const result = await runBin(['doctor', '--config', settings], {
      AZURE_OPENAI_ENDPOINT: emulator.url,
      IDENTITY_ENDPOINT: emulator.identityEndpoint,
      IDENTITY_HEADER: emulator.identityHeader,
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(line(result.stdout, /auth:/)).toMatch(/pass\s+auth: managed-identity: token acquired/);
    expect(emulator.tokenRequests()).toBeGreaterThan(before);
    expect(line(result.stdout, /reasoning\/temperature/)).toMatch(
      /WARN\s+reasoning\/temperature: temperature 0.4 set, but gpt-5 is a reasoning model: it will be omitted/,
    );
    expectNoSecrets(result, emulator.identityHeader);
  });

  it('reports a throttled deployment as a warning, not a failure', async () => {
    const settings = writeTemp('t.toml', 'deployment_mapping = { "gpt-4o" = "throttled" }\n');
    const result = await runBin(['doctor', '--config', settings], env);
    expect(line(result.stdout, /throttled/)).toMatch(
      /WARN\s+deployment gpt-4o -> throttled.*rate limited \(429\).*Azure asks to wait 5 ms\b/,
    );
    expect(result.code, result.stdout).toBe(0);
  });

  it('reports the wait in ms when Azure gave ms in x-ratelimit-reset-tokens (no retry-after)', async () => {
    const settings = writeTemp('r.toml', 'deployment_mapping = { "gpt-4o" = "reset-throttled" }\n');
    const result = await runBin(['doctor', '--config', settings], env);
    expect(line(result.stdout, /reset-throttled/)).toMatch(
      /WARN\s+deployment gpt-4o -> reset-throttled.*Azure asks to wait 20 ms \(x-ratelimit-reset-tokens\)/,
    );
  });

  it('reports every configuration problem with a fix and exit code 2', async () => {
    const settings = writeTemp('bad.toml', 'temperature = 9\nmax_retries = "many"\n');
    const result = await runBin(['doctor', '--config', settings], env);
    expect(result.code).toBe(2);
    expect(line(result.stdout, /temperature/)).toMatch(/FAIL\s+config: temperature/);
    expect(line(result.stdout, /max_retries/)).toMatch(/FAIL\s+config: max_retries/);
    expect(result.stdout).toMatch(/fix: /);
  });
});

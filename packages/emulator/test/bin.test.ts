import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

function run(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { stdio: 'pipe' });
}

function exitOf(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise(resolve => {
    child.on('close', code => resolve({ code, stdout, stderr }));
  });
}

function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      if (pattern.test(text)) {
        child.stdout.off('data', onData);
        resolve(text);
      }
    };
    child.stdout.on('data', onData);
    child.on('close', code =>
      reject(new Error(`exited with ${code} before printing ${pattern}: ${text}`)),
    );
  });
}

describe('azure-openai-emulator bin', () => {
  it('is built (the test task depends on build)', () => {
    expect(existsSync(BIN)).toBe(true);
  });

  it('prints the endpoint and ready-to-paste exports, serves, and stops on SIGTERM', async () => {
    const child = run(['--port', '0', '--api-key', 'bin-test-key', '--token-lifetime', '90']);
    const exited = exitOf(child);
    const output = await waitForOutput(child, /Press Ctrl\+C/);
    const endpoint = /^export AZURE_OPENAI_ENDPOINT=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(
      output,
    )?.[1];
    expect(endpoint).toBeDefined();
    expect(output).toContain(`Azure OpenAI emulator listening on ${endpoint}`);
    expect(output).toMatch(/^export AZURE_OPENAI_API_KEY=bin-test-key$/m);
    expect(output).toMatch(new RegExp(`^export IDENTITY_ENDPOINT=${endpoint}/msi/token$`, 'm'));
    expect(output).toMatch(/^export IDENTITY_HEADER=[0-9a-f]{32}$/m);
    expect(output).toContain('production-gpt5 (gpt-5, reasoning)');

    const client = new OpenAI({
      baseURL: `${endpoint}/openai/v1`,
      apiKey: 'bin-test-key',
      maxRetries: 0,
    });
    const response = await client.responses.create({ model: 'gpt-4o', input: 'from the bin' });
    expect(response.output_text).toBe('Echo: from the bin');

    child.kill('SIGTERM');
    const { code, stdout } = await exited;
    expect(code).toBe(0);
    expect(stdout).toContain('stopped');
  });

  it('stops on SIGINT too', async () => {
    const child = run([]);
    const exited = exitOf(child);
    await waitForOutput(child, /Press Ctrl\+C/);
    child.kill('SIGINT');
    expect((await exited).code).toBe(0);
  });

  it('prints help and the version', async () => {
    const help = await exitOf(run(['--help']));
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: azure-openai-emulator');
    expect(help.stdout).toContain('--token-lifetime');
    const version = await exitOf(run(['--version']));
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 with a clear message for a bad option', async () => {
    const result = await exitOf(run(['--port', 'abc']));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port needs a number');
    expect(result.stdout).toBe('');
  });

  it('exits 1 when the port is taken', async () => {
    const first = run([]);
    const firstExit = exitOf(first);
    const output = await waitForOutput(first, /Press Ctrl\+C/);
    const port = /127\.0\.0\.1:(\d+)/.exec(output)?.[1] ?? '';
    const second = await exitOf(run(['--port', port]));
    expect({ code: second.code, port }, second.stderr + second.stdout).toEqual({
      code: 1,
      port: expect.stringMatching(/^\d+$/),
    });
    expect(second.stderr).toContain(`cannot listen on 127.0.0.1:${port}`);
    first.kill('SIGTERM');
    await firstExit;
  });
});

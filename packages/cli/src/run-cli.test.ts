import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

function io(env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env,
      cwd: process.cwd(),
      onSignal: () => () => {},
    },
    out: () => stdout,
    err: () => stderr,
  };
}

describe('runCli (in process, injected io)', () => {
  it('prints help and the version', async () => {
    const help = io();
    expect(await runCli(['--help'], help.io)).toBe(0);
    expect(help.out()).toContain('Commands:');
    const chatHelp = io();
    expect(await runCli(['help', 'chat'], chatHelp.io)).toBe(0);
    expect(chatHelp.out()).toMatch(/^Usage: amplifier-azure-openai chat/);
    const version = io();
    expect(await runCli(['-V'], version.io)).toBe(0);
    expect(version.out()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reports usage errors in one line with exit code 2', async () => {
    const run = io();
    expect(await runCli(['chat', '--what'], run.io)).toBe(2);
    expect(run.err()).toMatch(/^error: UsageError: Unknown option '--what'/);
    expect(run.err().trim().split('\n')).toHaveLength(1);
  });

  it('reads configuration from the injected environment, and scrubs secrets from output', async () => {
    const key = 'injected-secret-key-123';
    const run = io({
      AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com',
      AZURE_OPENAI_API_KEY: key,
    });
    expect(await runCli(['config'], run.io)).toBe(0);
    expect(run.out()).toMatch(/azure_endpoint\s+https:\/\/res\.openai\.azure\.com\s+\(env\)/);
    expect(run.out()).not.toContain(key);
  });

  it('maps a missing endpoint to exit code 2', async () => {
    const run = io({});
    expect(await runCli(['config'], run.io)).toBe(2);
    expect(run.err()).toMatch(/^error: ConfigError: /);
  });
});

describe('serve signal handling (in process, injected signals)', () => {
  it('listens for signals from before the banner until it stops, with one listener throughout', async () => {
    let handler: ((signal: string) => void) | undefined;
    let registrations = 0;
    const writesWithoutListener: string[] = [];
    let stdout = '';
    const result = runCli(['serve', '--port', '0'], {
      stdout: {
        write: (chunk: string) => {
          if (handler === undefined) writesWithoutListener.push(chunk);
          stdout += chunk;
        },
      },
      stderr: { write: () => {} },
      env: {},
      cwd: process.cwd(),
      onSignal: next => {
        registrations += 1;
        handler = next;
        return () => {
          handler = undefined;
        };
      },
    });
    while (!stdout.includes('Press Ctrl+C')) await new Promise(r => setTimeout(r, 5));
    handler?.('SIGINT');
    expect(await result).toBe(0);
    expect(stdout).toContain('SIGINT: shutting down');
    // A moment without a listener would let Node's default handler kill the process on Ctrl+C.
    expect(writesWithoutListener).toEqual(['Stopped.\n']);
    expect(registrations).toBe(1);
  });
});

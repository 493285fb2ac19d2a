import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '@amplifier-azure-openai/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv, expectErrorLine, startTestEmulator, tempDir } from './fixtures.js';
import { collect, runBin, spawnBin, waitForOutput } from './run-bin.js';
import { callUnary, serveClient } from './serve-client.js';

/*
 * Files and JSON the CLI reads are bounded: regular files of at most 1 MiB, JSON nested at most
 * 64 levels. Control characters in echoed values are escaped on the terminal.
 */

let emulator: Emulator;
const children: ChildProcess[] = [];

/** Remembers a spawned serve so that a failed assertion cannot leave it running. */
function track(child: ChildProcess): ChildProcess {
  children.push(child);
  return child;
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
let dir: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  dir = tempDir();
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

function fifo(name: string): string | undefined {
  const path = join(dir, name);
  try {
    execFileSync('mkfifo', [path]);
    return path;
  } catch {
    return undefined;
  }
}

const deepJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('CLI file reads', () => {
  const directory = () => {
    const path = join(dir, 'a-directory');
    mkdirSync(path, { recursive: true });
    return path;
  };
  const big = () => {
    const path = join(dir, 'big.toml');
    writeFileSync(path, `# ${'x'.repeat(1024 * 1024)}\n`);
    return path;
  };
  const cases: Array<[string, () => string | undefined, RegExp]> = [
    ['/dev/zero', () => '/dev/zero', /character device, not a regular file/],
    ['a FIFO', () => fifo(`fifo-${Math.random().toString(36).slice(2)}`), /FIFO/],
    ['a directory', directory, /directory/],
    ['a file over 1 MiB', big, /larger than the 1 MiB limit/],
  ];
  for (const [label, make, message] of cases) {
    it(`--config ${label}: exit 2 with a clear message, without reading it`, async () => {
      const path = make();
      if (path === undefined) return; // no mkfifo here
      const result = await runBin(['config', '--config', path], emulatorEnv(emulator));
      expect(expectErrorLine(result, 2, 'ConfigError')).toMatch(message);
    });

    it(`--tools ${label}: exit 2 with a clear message, without reading it`, async () => {
      const path = make();
      if (path === undefined) return;
      const result = await runBin(['chat', '--tools', path, 'hello'], emulatorEnv(emulator));
      expect(expectErrorLine(result, 2, 'ToolsFileError')).toMatch(message);
    });
  }
});

describe('JSON nesting limit', () => {
  it('a --tools file nested deeper than 64 levels: exit 2, not a stack overflow', async () => {
    const path = join(dir, 'deep-tools.json');
    const schema = `${'{"type":"array","items":'.repeat(20_000)}{}${'}'.repeat(20_000)}`;
    writeFileSync(path, `[{"name":"deep","parameters":${schema}}]`);
    const result = await runBin(['chat', '--tools', path, 'hello'], emulatorEnv(emulator));
    expect(expectErrorLine(result, 2, 'ToolsFileError')).toContain('more than 64 levels');
  });

  it('gRPC parameters_json / input_json nested deeper than 64 levels: INVALID_ARGUMENT', async () => {
    const child = track(
      spawnBin(['serve', '--port', '0', '--allow-unauthenticated-calls'], emulatorEnv(emulator)),
    );
    const done = collect(child);
    const port = /^READY:(\d+)/.exec(await waitForOutput(child, /^READY:\d+\n/))?.[1];
    const provider = serveClient('ProviderService', `127.0.0.1:${port}`);
    try {
      const tools = await callUnary(provider, 'Complete', {
        messages: [{ role: 'ROLE_USER', text_content: 'hi' }],
        tools: [{ name: 'deep', parameters_json: deepJson(100_000) }],
      });
      expect(tools.ok ? 0 : tools.code).toBe(3);
      expect(tools.ok ? '' : tools.details).toContain('tools[0].parameters_json');
      expect(tools.ok ? '' : tools.details).toContain('more than 64 levels');
      const input = await callUnary(provider, 'Complete', {
        messages: [
          {
            role: 'ROLE_ASSISTANT',
            block_content: {
              blocks: [
                { tool_call_block: { id: 'c1', name: 'f', input_json: `{"a":${deepJson(5000)}}` } },
              ],
            },
          },
        ],
      });
      expect(input.ok ? 0 : input.code).toBe(3);
      expect(input.ok ? '' : input.details).toContain('input_json');
    } finally {
      provider.close();
      child.kill('SIGTERM');
    }
    expect((await done).code).toBe(0);
  });
});

describe('terminal output', () => {
  it('escapes control characters echoed in an error line (no raw ESC reaches the terminal)', async () => {
    const result = await runBin(['\u001b[2Jwipe\rcommand'], {});
    const line = expectErrorLine(result, 2, 'UsageError');
    expect(line).toContain('\\u001b[2Jwipe');
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stderr).not.toContain('\r');
  });

  it('refuses a --model with a line break before it reaches Azure (exit 2)', async () => {
    const before = emulator.recorder.responsesRequests().length;
    const result = await runBin(
      ['chat', '--model', 'gpt-5\r\nX-Evil: 1', 'hello'],
      emulatorEnv(emulator),
    );
    expect(expectErrorLine(result, 2, 'UsageError')).toContain(
      '--model contains the control character U+000D',
    );
    expect(emulator.recorder.responsesRequests().length).toBe(before);
  });
});

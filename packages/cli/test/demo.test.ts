import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectErrorLine } from './fixtures.js';
import { runBin, spawnBin } from './run-bin.js';

/** python3 with pydantic 2 (what the bridge's stand-in needs when amplifier_core is absent). */
const PYTHON_READY =
  spawnSync('python3', [
    '-c',
    'import pydantic, sys; sys.exit(0 if pydantic.VERSION >= "2" else 1)',
  ]).status === 0;

describe('demo (child process)', () => {
  it('starts its own emulator and runs the weather agent loop to a final answer', async () => {
    const result = await runBin(['demo']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const out = result.stdout;
    expect(out).toMatch(/against the local emulator at http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/deployment\s+gpt-5 -> production-gpt5 \(mapping\)/);
    expect(out).toMatch(/auth\s+api-key/);
    expect(out).toMatch(/user\s+What's the weather in Paris and Tokyo\?/);
    expect(out).toContain('tool_call get_weather {"city":"Paris"}');
    expect(out).toContain('tool_call get_weather {"city":"Tokyo"}');
    expect(out).toMatch(/tool\s+get_weather -> \{"city":"Paris","temperature_c":\d+/);
    expect(out).toMatch(
      /assistant\s+Based on the tool results: get_weather\(\{"city":"Paris"\}\) returned/,
    );
    expect(out).toMatch(/request [0-9a-f-]{36}/);
    expect(out).toMatch(/2 requests, \d+ input \+ \d+ output tokens/);
  });

  it.skipIf(!PYTHON_READY)(
    'then runs one agent turn through the Python bridge and prints the events it re-emitted',
    async () => {
      const result = await runBin(['demo']);
      expect(result.code, result.stderr).toBe(0);
      const bridge = result.stdout.split('through the Python bridge')[1] ?? '';
      expect(bridge, result.stdout).not.toContain('skipped');
      expect(bridge).toMatch(
        /event\s+llm:request \{"model": "gpt-5", "deployment": "production-gpt5"/,
      );
      expect(bridge).toMatch(/event\s+llm:response .*"finish_reason": "tool_calls"/);
      // The streamed blocks: start/end with their index and type, each block's deltas on one line.
      expect(bridge).toMatch(
        /event\s+llm:stream_block_start \{"block_index": 0, "block_type": "thinking"\}/,
      );
      expect(bridge).toMatch(/event\s+llm:stream_block_delta x\d+ "/);
      expect(bridge).toMatch(/"block_type": "tool_use", "name": "get_weather"/);
      expect(bridge).not.toMatch(/llm:stream_block_delta \{/);
      expect(bridge).toMatch(/assistant\s+get_weather\(\{"city": "Paris"\}\)/);
      expect(bridge).toMatch(/assistant\s+Based on the tool results: get_weather/);
      // The bridge's Node child and Python process are gone with the demo.
      const bundle = fileURLToPath(
        new URL(
          '../../../bridges/python/src/amplifier_module_provider_azure_openai/_node/host.mjs',
          import.meta.url,
        ),
      );
      const left = spawnSync('pgrep', ['-f', bundle]);
      expect(String(left.stdout).trim()).toBe('');
    },
  );

  it('uses the configured resource when AZURE_OPENAI_ENDPOINT is set', async () => {
    const result = await runBin(['demo'], {
      AZURE_OPENAI_ENDPOINT: 'http://127.0.0.1:9',
    });
    // No credential in the environment: the real-resource path is taken (no emulator started).
    expect(result.stdout).not.toContain('local emulator');
    expect(result.stderr).toMatch(/^error: NoCredentialConfiguredError: /);
    expect(result.code).toBe(3);
  });

  it('stops quietly when its output pipe closes (demo | head -1)', async () => {
    const child = spawnBin(['demo']);
    const exit = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
    let stderr = '';
    child.stderr?.on('data', chunk => {
      stderr += String(chunk);
    });
    child.stdout?.once('data', () => child.stdout?.destroy());
    expect(await exit).toBe(0);
    expect(stderr).toBe('');
  });

  it('shows --help', async () => {
    const result = await runBin(['demo', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: amplifier-azure-openai demo/);
  });

  it('rejects extra arguments', async () => {
    expectErrorLine(await runBin(['demo', 'now']), 2, 'UsageError');
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_DEPLOYMENTS,
  type Emulator,
  startEmulator,
} from '@amplifier-azure-openai/emulator';
import { afterAll, expect } from 'vitest';
import type { BinResult } from './run-bin.js';

/**
 * Starts the emulator with its default deployments plus two that always fail: `throttled`
 * (429 on every request) and `filtered` (content filter on every request).
 */
export function startTestEmulator(): Promise<Emulator> {
  return startEmulator({
    port: 0,
    deployments: {
      ...DEFAULT_DEPLOYMENTS,
      throttled: {
        model: 'gpt-4o',
        faults: [{ kind: 'rate-limit', times: 'always', retryAfterMs: 5 }],
      },
      'reset-throttled': {
        model: 'gpt-4o',
        faults: [
          { kind: 'rate-limit', times: 'always', omitRetryAfter: true, resetTokens: '20ms' },
        ],
      },
      filtered: {
        model: 'gpt-4o',
        faults: [{ kind: 'content-filter', times: 'always', category: 'violence' }],
      },
    },
  });
}

/** The environment that points the CLI at the emulator with its API key. */
export function emulatorEnv(emulator: Emulator): Record<string, string> {
  return { AZURE_OPENAI_ENDPOINT: emulator.url, AZURE_OPENAI_API_KEY: emulator.apiKey };
}

/** Resolves once the emulator has received a request whose body contains `text`. */
export async function waitForRequestContaining(emulator: Emulator, text: string): Promise<void> {
  while (!emulator.recorder.requests.some(r => JSON.stringify(r.body ?? '').includes(text))) {
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

const createdDirs: string[] = [];
// Registered in every test file that imports these fixtures: its temp dirs go when it ends.
afterAll(() => {
  for (const dir of createdDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed when the test file ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'amplifier-azure-openai-cli-'));
  createdDirs.push(dir);
  return dir;
}

/** Writes `content` to `name` in a fresh temp dir (removed when the test file ends) and returns the path. */
export function writeTemp(name: string, content: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

/** Asserts none of `secrets` appears in the run's stdout or stderr. */
export function expectNoSecrets(result: BinResult, ...secrets: string[]): void {
  for (const secret of secrets) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
}

/** Asserts the run failed with `code` and exactly one `error: <name>: ...` line on stderr. */
export function expectErrorLine(result: BinResult, code: number, name: string): string {
  expect(result.code, `stderr: ${result.stderr}`).toBe(code);
  const lines = result.stderr.split('\n').filter(line => line !== '');
  const errorLines = lines.filter(line => line.startsWith('error: '));
  expect(errorLines).toHaveLength(1);
  expect(errorLines[0]).toMatch(new RegExp(`^error: ${name}: \\S`));
  return errorLines[0] ?? '';
}

/**
 * Runs the "auth alone" example of the root README.md, exactly as written there, in a real Node
 * child process against the emulator: once with an API key, once with a managed identity (the
 * emulator's App Service token endpoint). The README cannot rot without this test failing.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Emulator } from '@amplifier-azure-openai/emulator';
import { startEmulator } from '@amplifier-azure-openai/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const README = fileURLToPath(new URL('../../../README.md', import.meta.url));

/** The code block that follows the comment `<!-- readme-example: NAME ... -->` in the root README. */
function readmeExample(name: string): string {
  const text = readFileSync(README, 'utf8');
  const marker = `<!-- readme-example: ${name} `;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no ${marker}`);
  const block = /```(?:js|ts|javascript)\n([\s\S]*?)```/.exec(text.slice(at + marker.length));
  if (block?.[1] === undefined) throw new Error(`README.md has no code block after ${marker}`);
  return block[1];
}

/** Runs the example as an ES module from this package's folder, so the package name resolves to its dist. */
async function runExample(env: Record<string, string>): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', readmeExample('auth')],
    { cwd: PACKAGE_DIR, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
  );
  return stdout;
}

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emulator?.close();
});

describe('README example: @amplifier-azure-openai/auth alone', () => {
  it('authenticates a plain fetch with the API key', async () => {
    const stdout = await runExample({
      AZURE_OPENAI_ENDPOINT: emulator.endpoint,
      AZURE_OPENAI_API_KEY: emulator.apiKey,
    });
    const [method, status, text] = stdout.trim().split('\n');
    expect(method).toMatch(/^api-key: /);
    expect(status).toBe('200');
    expect(text?.length).toBeGreaterThan(0);
    expect(stdout).not.toContain(emulator.apiKey);
  });

  it('uses the managed identity when no API key is set', async () => {
    const stdout = await runExample({
      AZURE_OPENAI_ENDPOINT: emulator.endpoint,
      IDENTITY_ENDPOINT: emulator.identityEndpoint,
      IDENTITY_HEADER: emulator.identityHeader,
    });
    const [method, status] = stdout.trim().split('\n');
    expect(method).toMatch(/^managed-identity: /);
    expect(status).toBe('200');
  });

  it('fails with a status other than 200 when the key is wrong (the example checks nothing itself)', async () => {
    const stdout = await runExample({
      AZURE_OPENAI_ENDPOINT: emulator.endpoint,
      AZURE_OPENAI_API_KEY: 'wrong-key',
    });
    expect(stdout.trim().split('\n')[1]).toBe('401');
  });
});

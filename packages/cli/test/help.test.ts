import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collect, runBin } from './run-bin.js';

const COMMANDS = ['chat', 'config', 'doctor', 'serve', 'demo'];

describe('help and version (child process)', () => {
  it('prints the global help listing every command and the exit codes', async () => {
    const result = await runBin(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: amplifier-azure-openai/);
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`\\n  ${command}\\s`));
    expect(result.stdout).toContain('4  deployment not found');
  });

  it.each(COMMANDS)('prints help for %s (both --help forms)', async command => {
    const after = await runBin([command, '--help']);
    const before = await runBin(['--help', command]);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(new RegExp(`^Usage: amplifier-azure-openai ${command}`));
    expect(after.stdout).toContain('--verbose');
    expect(before.stdout).toBe(after.stdout);
  });

  it('prints the version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const result = await runBin(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('runs through the checked-in bin shim (package.json "bin")', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      bin: Record<string, string>;
    };
    const shim = fileURLToPath(new URL(`../${pkg.bin['amplifier-azure-openai']}`, import.meta.url));
    const result = await collect(
      spawn(process.execPath, [shim, 'config', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: amplifier-azure-openai config/);
  });

  it('without a command prints the help on stderr and exits 2', async () => {
    const result = await runBin([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Usage: amplifier-azure-openai/);
    expect(result.stderr).toMatch(/error: UsageError: No command given/);
  });
});

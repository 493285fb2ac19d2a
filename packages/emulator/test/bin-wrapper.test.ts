import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const WRAPPER = path.join(PACKAGE_DIR, 'bin', 'azure-openai-emulator.js');

describe('bin/azure-openai-emulator.js (the installed bin)', () => {
  it('is what package.json links, so pnpm can link it before any build', () => {
    const manifest = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ 'azure-openai-emulator': './bin/azure-openai-emulator.js' });
    expect(manifest.files).toContain('bin');
  });

  it('runs the built command line', () => {
    const help = spawnSync(process.execPath, [WRAPPER, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: azure-openai-emulator');
  });

  it('says to build first, with exit 1, when dist/ is missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emulator-bin-'));
    try {
      writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
      mkdirSync(path.join(dir, 'bin'));
      cpSync(WRAPPER, path.join(dir, 'bin', 'azure-openai-emulator.js'));
      const run = spawnSync(process.execPath, [path.join(dir, 'bin', 'azure-openai-emulator.js')], {
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        'is not built (dist/bin.js is missing). Run `pnpm build` first.',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

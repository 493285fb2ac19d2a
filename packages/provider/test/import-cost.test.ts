import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const PACKAGE_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The modules a fresh `node` process has loaded after requiring the built package. */
async function modulesLoadedBy(entry: string): Promise<string[]> {
  const script = `require(${JSON.stringify(entry)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
    cwd: PACKAGE_DIR,
  });
  return JSON.parse(stdout) as string[];
}

describe('importing the provider', () => {
  it('does not load the config schema (zod): the key table comes from config/keys', async () => {
    const loaded = await modulesLoadedBy(path.join(PACKAGE_DIR, 'dist', 'index.cjs'));
    expect(loaded.some(file => file.includes(`${path.sep}openai${path.sep}`))).toBe(true);
    expect(
      loaded.some(file => file.includes(`${path.sep}config${path.sep}dist${path.sep}keys.cjs`)),
    ).toBe(true);
    expect(loaded.filter(file => file.includes(`${path.sep}zod${path.sep}`))).toEqual([]);
  });
});

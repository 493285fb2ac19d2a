/**
 * Runs the "deployments alone" example of the root README.md, exactly as written there, in a
 * real Node child process against this package's built dist, and checks that it prints what its
 * comments say. The README cannot rot without this test failing.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const README = fileURLToPath(new URL('../../../README.md', import.meta.url));

/** The code block that follows the comment `<!-- readme-example: NAME ... -->` in the root README. */
function readmeExample(name: string): string {
  const text = readFileSync(README, 'utf8');
  const marker = `<!-- readme-example: ${name} `;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no ${marker}-->`);
  const block = /```(?:js|ts|javascript)\n([\s\S]*?)```/.exec(text.slice(at + marker.length));
  if (block?.[1] === undefined) throw new Error(`README.md has no code block after ${marker}-->`);
  return block[1];
}

/** The `// <output>` comment of every `console.log(...)` line, up to a `:` or ` until` remark. */
function documentedOutputs(code: string): string[] {
  return code
    .split('\n')
    .filter(line => line.startsWith('console.log('))
    .map(line => {
      const comment = line.slice(line.indexOf('); // ') + '); // '.length);
      return comment.replace(/(: .*| until .*)$/, '').trim();
    });
}

describe('README example: @amplifier-azure-openai/deployments alone', () => {
  it('prints what its comments say', async () => {
    const code = readmeExample('deployments');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code], {
      cwd: PACKAGE_DIR,
      env: { PATH: process.env.PATH ?? '' },
      timeout: 60_000,
    });
    const printed = stdout.trim().split('\n');
    const documented = documentedOutputs(code);
    expect(documented.length).toBeGreaterThanOrEqual(3);
    expect(printed).toEqual(documented);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonTextDepth, jsonValueDepth, MAX_JSON_DEPTH } from './json-depth.js';
import { loadSettingsFile } from './load-settings-file.js';
import { MAX_INPUT_FILE_BYTES, readBoundedFile } from './read-bounded-file.js';

const dir = mkdtempSync(join(tmpdir(), 'azure-openai-bounded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fifo(): string | undefined {
  const path = join(dir, `fifo-${Math.random().toString(36).slice(2)}`);
  try {
    execFileSync('mkfifo', [path]);
    return path;
  } catch {
    return undefined;
  }
}

describe('readBoundedFile', () => {
  it('reads a regular file', () => {
    const path = join(dir, 'ok.toml');
    writeFileSync(path, 'a = 1\n');
    expect(readBoundedFile(path)).toEqual({ ok: true, text: 'a = 1\n' });
  });

  it('refuses /dev/zero without reading it (a character device)', () => {
    const result = readBoundedFile('/dev/zero');
    expect(result).toMatchObject({ ok: false, problem: 'not-regular' });
    expect(result.ok ? '' : result.message).toContain('a character device');
  });

  it('refuses a FIFO without blocking on it', () => {
    const path = fifo();
    if (path === undefined) return; // no mkfifo on this platform
    const result = readBoundedFile(path);
    expect(result).toMatchObject({ ok: false, problem: 'not-regular' });
    expect(result.ok ? '' : result.message).toContain('FIFO');
  });

  it('refuses a directory', () => {
    const path = join(dir, 'a-dir');
    mkdirSync(path);
    expect(readBoundedFile(path)).toMatchObject({ ok: false, problem: 'not-regular' });
  });

  it(`refuses a file larger than ${MAX_INPUT_FILE_BYTES} bytes`, () => {
    const path = join(dir, 'big.json');
    writeFileSync(path, Buffer.alloc(MAX_INPUT_FILE_BYTES + 1, 0x20));
    const result = readBoundedFile(path);
    expect(result).toMatchObject({ ok: false, problem: 'too-large' });
    expect(result.ok ? '' : result.message).toContain('1 MiB');
    const exact = join(dir, 'exact.json');
    writeFileSync(exact, Buffer.alloc(MAX_INPUT_FILE_BYTES, 0x20));
    expect(readBoundedFile(exact).ok).toBe(true);
  });

  it('reports a missing file', () => {
    expect(readBoundedFile(join(dir, 'nope'))).toMatchObject({ ok: false, problem: 'missing' });
  });

  it('loadSettingsFile refuses /dev/zero and a FIFO with a ConfigError', () => {
    expect(() => loadSettingsFile('/dev/zero')).toThrow(/not a regular file/);
    const path = fifo();
    if (path !== undefined) expect(() => loadSettingsFile(path)).toThrow(/FIFO/);
  });
});

describe('JSON depth', () => {
  it('measures text and values without recursion, stopping past the limit', () => {
    expect(jsonTextDepth('{"a":[1,{"b":"[[[["}]}')).toBe(3);
    expect(jsonTextDepth('"\\"[["')).toBe(0);
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(jsonTextDepth(deep)).toBe(MAX_JSON_DEPTH + 1);
    expect(jsonValueDepth(JSON.parse(deep))).toBe(MAX_JSON_DEPTH + 1);
    expect(jsonValueDepth({ a: [{ b: 1 }] })).toBe(3);
    expect(jsonValueDepth('text')).toBe(0);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadToolsFile } from './load-tools-file.js';
import { ToolsFileError } from './tools-file-error.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

function failure(name: string): ToolsFileError {
  try {
    loadToolsFile(name, dir);
  } catch (error) {
    if (ToolsFileError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ToolsFileError');
}

describe('loadToolsFile', () => {
  it('reads both schema forms and the Chat Completions wrapper (relative to cwd)', () => {
    const schema = { type: 'object', properties: { q: { type: 'string' } } };
    const tools = loadToolsFile(
      file('ok.json', [
        { name: 'a', description: 'A', parameters: schema, strict: true },
        { name: 'b', input_schema: schema },
        { type: 'function', function: { name: 'c', parameters: schema } },
        { name: 'd' },
      ]),
      dir,
    );
    expect(tools).toEqual([
      { name: 'a', description: 'A', parameters: schema, strict: true },
      { name: 'b', input_schema: schema },
      { name: 'c', parameters: schema },
      { name: 'd' },
    ]);
  });

  it('explains each kind of bad file', () => {
    expect(failure('missing.json').message).toContain('does not exist');
    expect(failure(file('bad.json', '[{')).message).toContain('not valid JSON');
    expect(failure(file('obj.json', { name: 'x' })).message).toContain('JSON array');
    expect(failure(file('noname.json', [{}])).message).toMatch(/tools\[0\] has no valid "name"/);
    expect(failure(file('schema.json', [{ name: 'x', parameters: 'nope' }])).message).toMatch(
      /schema that is not an object/,
    );
    expect(
      failure(file('both.json', [{ name: 'x', parameters: {}, input_schema: {} }])).message,
    ).toMatch(/both "parameters" and "input_schema"/);
    expect(failure(file('dup.json', [{ name: 'x' }, { name: 'x' }])).message).toMatch(
      /tools\[1\] repeats the name "x"/,
    );
  });

  it('never quotes the file text', () => {
    const error = failure(file('secret.json', '{"api_key": "sk-very-secret-value",'));
    expect(error.message).not.toContain('sk-very-secret-value');
  });
});

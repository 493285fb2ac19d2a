import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestUtilsError } from './errors.js';
import { repoRoot } from './repo-root.js';
import {
  readSharedChunks,
  readSharedFile,
  readSharedJson,
  sharedDir,
  sharedPath,
} from './shared-files.js';
import { withEnv } from './with-env.js';

const AZURE_TEXT = 'conformance/vercel-ai-fixtures/azure/azure-text.1';

function caught(fn: () => unknown): TestUtilsError {
  try {
    fn();
  } catch (error) {
    if (TestUtilsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a TestUtilsError');
}

describe('sharedDir', () => {
  it('defaults to ../shared next to the repo root', () => {
    withEnv({ AMPLIFIER_SHARED_DIR: undefined }, () => {
      expect(sharedDir()).toBe(path.resolve(repoRoot(), '../shared'));
    });
  });

  it('honours AMPLIFIER_SHARED_DIR', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shared-'));
    try {
      withEnv({ AMPLIFIER_SHARED_DIR: dir }, () => {
        expect(sharedDir()).toBe(dir);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('throws a clear error when the directory does not exist', () => {
    const missing = path.join(tmpdir(), 'definitely-not-here-shared-dir');
    const error = withEnv({ AMPLIFIER_SHARED_DIR: missing }, () => caught(() => sharedDir()));
    expect(error.code).toBe('shared-dir-not-found');
    expect(error.path).toBe(missing);
    expect(error.message).toContain(missing);
    expect(error.message).toContain('AMPLIFIER_SHARED_DIR');
  });
});

describe('sharedPath', () => {
  it('rejects paths that leave the shared directory', () => {
    expect(caught(() => sharedPath('../main/package.json')).code).toBe('shared-path-outside');
    expect(caught(() => sharedPath('/etc/passwd')).code).toBe('shared-path-outside');
  });
});

describe('readSharedFile / readSharedJson', () => {
  it('reads the conformance sources list', () => {
    expect(readSharedFile('conformance/SOURCES.md')).toContain('# Conformance material');
  });

  it('parses a recorded Azure response', () => {
    const json = readSharedJson(`${AZURE_TEXT}.json`) as { object?: unknown; output?: unknown };
    expect(json.object).toBe('response');
    expect(Array.isArray(json.output)).toBe(true);
  });

  it('names the file that is missing', () => {
    const error = caught(() => readSharedFile('conformance/no-such-file.json'));
    expect(error.code).toBe('shared-file-unreadable');
    expect(error.message).toContain('no-such-file.json');
  });

  it('names the file that is not JSON', () => {
    const error = caught(() => readSharedJson('conformance/SOURCES.md'));
    expect(error.code).toBe('shared-file-invalid-json');
    expect(error.message).toContain('SOURCES.md');
  });
});

describe('readSharedChunks', () => {
  it('returns one parsed event per line, in order', () => {
    const events = readSharedChunks(`${AZURE_TEXT}.chunks.txt`) as Array<{ type: string }>;
    expect(events.length).toBe(9);
    expect(events[0]?.type).toBe('response.created');
    expect(events.at(-1)?.type).toBe('response.completed');
  });

  describe('with a malformed file', () => {
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'shared-'));
      await mkdir(path.join(dir, 'conformance'));
      writeFileSync(
        path.join(dir, 'conformance', 'bad.chunks.txt'),
        '{"type":"a"}\r\n\n{"type":\n{"type":"b"}\n',
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('throws naming the 1-based line', () => {
      const error = withEnv({ AMPLIFIER_SHARED_DIR: dir }, () =>
        caught(() => readSharedChunks('conformance/bad.chunks.txt')),
      );
      expect(error.code).toBe('shared-file-invalid-json');
      expect(error.message).toContain('Line 3');
    });

    it("skips bad lines with onInvalidLine: 'skip'", () => {
      const events = withEnv({ AMPLIFIER_SHARED_DIR: dir }, () =>
        readSharedChunks('conformance/bad.chunks.txt', { onInvalidLine: 'skip' }),
      );
      expect(events).toEqual([{ type: 'a' }, { type: 'b' }]);
    });
  });
});

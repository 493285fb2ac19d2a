import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { TestUtilsError } from './errors.js';
import { repoRoot } from './repo-root.js';

/**
 * The shared material directory (Amplifier contract and conformance files), read at test time
 * and never copied into the repository: `process.env.AMPLIFIER_SHARED_DIR` when set, otherwise
 * `../shared` next to the workspace root.
 *
 * @throws {@link TestUtilsError} (`shared-dir-not-found`) when the directory does not exist.
 */
export function sharedDir(): string {
  const fromEnv = process.env.AMPLIFIER_SHARED_DIR;
  const dir =
    fromEnv !== undefined && fromEnv !== ''
      ? path.resolve(fromEnv)
      : path.resolve(repoRoot(), '../shared');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const origin =
      fromEnv !== undefined && fromEnv !== ''
        ? `AMPLIFIER_SHARED_DIR=${fromEnv}`
        : `the default <repo root>/../shared`;
    throw new TestUtilsError({
      code: 'shared-dir-not-found',
      path: dir,
      message: `Shared directory ${dir} (from ${origin}) does not exist or is not a directory. Set AMPLIFIER_SHARED_DIR to the directory holding amplifier/ and conformance/.`,
    });
  }
  return dir;
}

/**
 * Absolute path of a file under {@link sharedDir}, e.g. `sharedPath('conformance/SOURCES.md')`.
 *
 * @throws {@link TestUtilsError} (`shared-path-outside`) when `relativePath` is absolute or
 * escapes the shared directory.
 */
export function sharedPath(relativePath: string): string {
  const base = sharedDir();
  const full = path.resolve(base, relativePath);
  const rel = path.relative(base, full);
  if (path.isAbsolute(relativePath) || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new TestUtilsError({
      code: 'shared-path-outside',
      path: relativePath,
      message: `Shared path "${relativePath}" must be relative to the shared directory and stay inside it (e.g. "conformance/SOURCES.md").`,
    });
  }
  return full;
}

/**
 * Reads a shared file as UTF-8 text.
 *
 * @param relativePath - path under {@link sharedDir}, e.g. `'conformance/SOURCES.md'`.
 * @throws {@link TestUtilsError} (`shared-file-unreadable`) when the file is missing or unreadable.
 */
export function readSharedFile(relativePath: string): string {
  const full = sharedPath(relativePath);
  try {
    return readFileSync(full, 'utf8');
  } catch (cause) {
    throw new TestUtilsError({
      code: 'shared-file-unreadable',
      path: full,
      cause,
      message: `Cannot read shared file ${full}: ${(cause as Error).message}. Check the path (relative to ${sharedDir()}).`,
    });
  }
}

/**
 * Reads and parses a shared JSON file.
 *
 * @param relativePath - path under {@link sharedDir}, e.g.
 * `'conformance/vercel-ai-fixtures/azure/azure-text.1.json'`.
 * @throws {@link TestUtilsError} (`shared-file-invalid-json`) when the file is not valid JSON.
 */
export function readSharedJson(relativePath: string): unknown {
  const text = readSharedFile(relativePath);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new TestUtilsError({
      code: 'shared-file-invalid-json',
      path: relativePath,
      cause,
      message: `Shared file ${relativePath} is not valid JSON: ${(cause as Error).message}.`,
    });
  }
}

/** Options for {@link readSharedChunks}. */
export interface ReadSharedChunksOptions {
  /**
   * What to do with a non-empty line that is not valid JSON: `'throw'` (default) raises a
   * {@link TestUtilsError} naming the line, `'skip'` drops it.
   */
  onInvalidLine?: 'throw' | 'skip' | undefined;
}

/**
 * Reads a recorded stream (`*.chunks.txt`: one JSON event per line, blank lines ignored) and
 * returns the parsed events in order.
 *
 * @param relativePath - path under {@link sharedDir}, e.g.
 * `'conformance/vercel-ai-fixtures/azure/azure-text.1.chunks.txt'`.
 * @throws {@link TestUtilsError} (`shared-file-invalid-json`) naming the 1-based line that is not
 * valid JSON, unless `onInvalidLine: 'skip'`.
 */
export function readSharedChunks(
  relativePath: string,
  options: ReadSharedChunksOptions = {},
): unknown[] {
  const lines = readSharedFile(relativePath).split(/\r?\n/);
  const events: unknown[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line) as unknown);
    } catch (cause) {
      if (options.onInvalidLine === 'skip') continue;
      throw new TestUtilsError({
        code: 'shared-file-invalid-json',
        path: relativePath,
        cause,
        message: `Line ${index + 1} of shared file ${relativePath} is not valid JSON: ${(cause as Error).message}. Pass { onInvalidLine: 'skip' } to ignore such lines.`,
      });
    }
  }
  return events;
}

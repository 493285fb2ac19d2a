import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestUtilsError } from './errors.js';

const WORKSPACE_MARKER = 'pnpm-workspace.yaml';
let cachedRoot: string | undefined;

function findUp(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, WORKSPACE_MARKER))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function moduleDir(): string | undefined {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
}

/**
 * The workspace root: the nearest directory holding `pnpm-workspace.yaml`, searched upwards from
 * this module's own location, then from `process.cwd()`.
 *
 * @throws {@link TestUtilsError} (`repo-root-not-found`) when neither search finds it.
 * @example
 * ```ts
 * const pkgJson = path.join(repoRoot(), 'package.json');
 * ```
 */
export function repoRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  const starts = [moduleDir(), process.cwd()].filter((s): s is string => s !== undefined);
  for (const start of starts) {
    const found = findUp(start);
    if (found !== undefined) {
      cachedRoot = found;
      return found;
    }
  }
  throw new TestUtilsError({
    code: 'repo-root-not-found',
    message: `Could not find the workspace root (a directory holding ${WORKSPACE_MARKER}) above ${starts.join(' or ')}. Run the tests from inside the repository checkout.`,
  });
}

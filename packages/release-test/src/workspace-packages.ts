import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A package of this workspace. */
export interface WorkspacePackage {
  readonly name: string;
  readonly version: string;
  /** Directory relative to the repository root, e.g. `packages/auth`. */
  readonly relativeDir: string;
  readonly private: boolean;
}

/** The repository root (two levels above this package's `src/`). */
export const REPO_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
);

/** Every package under `packages/` of `root`, in directory order. */
export function workspacePackages(root: string = REPO_ROOT): WorkspacePackage[] {
  const result: WorkspacePackage[] = [];
  for (const entry of readdirSync(path.join(root, 'packages'), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const relativeDir = path.join('packages', entry.name);
    let manifest: { name: string; version: string; private?: boolean };
    try {
      manifest = JSON.parse(readFileSync(path.join(root, relativeDir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    result.push({
      name: manifest.name,
      version: manifest.version,
      relativeDir,
      private: manifest.private === true,
    });
  }
  return result;
}

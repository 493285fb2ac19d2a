import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** One installed third-party package: where it is and what it is. */
export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  /** Real directory (symlinks resolved). */
  readonly dir: string;
}

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Node's lookup: `<ancestor>/node_modules/<name>` from `fromDir` upwards. */
function locate(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    if (path.basename(dir) !== 'node_modules') {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** What a package needs installed: dependencies, optional ones present here, required peers. */
function runtimeNeeds(manifest: Manifest): { name: string; optional: boolean }[] {
  const needs = Object.keys(manifest.dependencies ?? {}).map(name => ({ name, optional: false }));
  for (const name of Object.keys(manifest.optionalDependencies ?? {})) {
    needs.push({ name, optional: true });
  }
  for (const name of Object.keys(manifest.peerDependencies ?? {})) {
    if (manifest.peerDependenciesMeta?.[name]?.optional === true) continue;
    needs.push({ name, optional: false });
  }
  return needs;
}

/**
 * Every third-party package (name and version, as installed in this workspace) that the given
 * workspace packages need at run time, transitively: what the local registry must hold so that
 * installing them from it alone works. Workspace packages (`workspaceNames`) are left out (they
 * are published from the throwaway copy); optional peers are not followed.
 *
 * @throws Error naming the package and its dependent when a needed package is not installed.
 */
export function thirdPartyClosure(
  packageDirs: readonly string[],
  workspaceNames: ReadonlySet<string>,
): InstalledPackage[] {
  const found = new Map<string, InstalledPackage>();
  const queue = packageDirs.map(dir => realpathSync(dir));
  while (queue.length > 0) {
    const dir = queue.shift() as string;
    const manifest = readManifest(dir);
    for (const need of runtimeNeeds(manifest)) {
      if (workspaceNames.has(need.name)) continue;
      const depDir = locate(need.name, dir);
      if (depDir === undefined) {
        if (need.optional) continue;
        throw new Error(`${manifest.name} needs ${need.name}, which is not installed.`);
      }
      const dep = readManifest(depDir);
      const key = `${dep.name}@${dep.version}`;
      if (found.has(key)) continue;
      found.set(key, { name: dep.name, version: dep.version, dir: depDir });
      queue.push(depDir);
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

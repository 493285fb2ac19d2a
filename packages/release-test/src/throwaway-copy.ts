import { cpSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const SKIPPED = new Set(['.git', '.turbo', 'coverage', 'results']);

/**
 * Copies the repository at `root` to `target` for a release rehearsal: sources, manifests,
 * changesets and built `dist/` as they are on disk, without `.git`, caches and the root
 * `node_modules`, which is linked instead (the packages' own `node_modules` hold relative links
 * into it, so they keep working). Nothing done in the copy touches the repository.
 */
export function throwawayCopy(root: string, target: string): void {
  cpSync(root, target, {
    recursive: true,
    verbatimSymlinks: true,
    filter: source => {
      const relative = path.relative(root, source);
      if (relative === 'node_modules') return false;
      return !relative.split(path.sep).some(part => SKIPPED.has(part) || part.endsWith('.tgz'));
    },
  });
  symlinkSync(path.join(root, 'node_modules'), path.join(target, 'node_modules'), 'dir');
}

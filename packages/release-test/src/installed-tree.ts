import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** `name@version` of every package installed under `projectDir/node_modules`, nested included. */
export function installedTree(projectDir: string): string[] {
  const found = new Set<string>();
  const visit = (nodeModules: string): void => {
    if (!existsSync(nodeModules)) return;
    for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const dirs = entry.name.startsWith('@')
        ? readdirSync(path.join(nodeModules, entry.name)).map(n =>
            path.join(nodeModules, entry.name, n),
          )
        : [path.join(nodeModules, entry.name)];
      for (const dir of dirs) {
        const manifestFile = path.join(dir, 'package.json');
        if (!existsSync(manifestFile)) continue;
        const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
          name: string;
          version: string;
        };
        found.add(`${manifest.name}@${manifest.version}`);
        visit(path.join(dir, 'node_modules'));
      }
    }
  };
  visit(path.join(projectDir, 'node_modules'));
  return [...found].sort();
}

/** The names in {@link installedTree} output. */
export function names(tree: readonly string[]): string[] {
  return [...new Set(tree.map(entry => entry.slice(0, entry.lastIndexOf('@'))))].sort();
}

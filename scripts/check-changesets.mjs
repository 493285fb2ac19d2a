#!/usr/bin/env node
// Fails `pnpm test` on a changeset that `changeset version` would reject or misapply: every
// .changeset/*.md (but README.md) starts with a `---` front matter block of
// `"<workspace package>": patch|minor|major` lines, closed by `---`, followed by a summary.
// (A markdown formatter once turned the front matter into a `## "...": minor` heading, which broke
// `pnpm version-packages`; only the release rehearsal noticed.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspaceNames = new Set();
for (const dir of readdirSync(path.join(root, 'packages'))) {
  const file = path.join(root, 'packages', dir, 'package.json');
  if (!existsSync(file)) continue;
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  workspaceNames.add(pkg.name);
}

const problems = [];
const dir = path.join(root, '.changeset');
const files = readdirSync(dir).filter(f => f.endsWith('.md') && f !== 'README.md');
for (const name of files) {
  const text = readFileSync(path.join(dir, name), 'utf8').replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (match === null) {
    problems.push(
      `.changeset/${name}: must start with front matter: ---, "<package>": patch|minor|major lines, ---.`,
    );
    continue;
  }
  const [, head, summary] = match;
  for (const line of head.split('\n').filter(l => l.trim() !== '')) {
    const entry = /^["']?([^"':]+)["']?\s*:\s*(patch|minor|major)\s*$/.exec(line.trim());
    if (entry === null) {
      problems.push(
        `.changeset/${name}: front matter line "${line}" is not "<package>": patch|minor|major.`,
      );
    } else if (!workspaceNames.has(entry[1])) {
      problems.push(`.changeset/${name}: "${entry[1]}" is not a package of this workspace.`);
    }
  }
  if (summary.trim() === '')
    problems.push(`.changeset/${name}: the summary after the front matter is empty.`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`changesets: ${problem}`);
  process.exit(1);
}
console.log(`changesets: ${files.length} changesets are well-formed`);

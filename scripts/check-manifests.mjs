#!/usr/bin/env node
// Fails `pnpm test` when a package manifest breaks a repository convention that users or the
// fresh-clone test run would notice (see docs/ARCHITECTURE.md and RELEASING.md):
// - every package: `engines.node` equal to the root's; a `test` script that leaves out
//   `*.conformance.test.ts` (they read ../shared) and a `test:conformance` script that runs them;
// - every public package: license MIT with a LICENSE file equal to the root's, `repository.directory`
//   equal to its directory, bins that exist before any build (not inside dist/).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = file => JSON.parse(readFileSync(file, 'utf8'));
const rootManifest = read(path.join(root, 'package.json'));
const license = readFileSync(path.join(root, 'LICENSE'), 'utf8');
const problems = [];

const dirs = ['bench', ...readdirSync(path.join(root, 'packages')).map(d => `packages/${d}`)];
for (const dir of dirs) {
  const file = path.join(root, dir, 'package.json');
  if (!existsSync(file)) continue;
  const pkg = read(file);
  const at = `${dir}/package.json`;
  if (pkg.engines !== undefined && pkg.engines.node !== rootManifest.engines.node) {
    problems.push(
      `${at}: engines.node is "${pkg.engines.node}"; use "${rootManifest.engines.node}" as the root does.`,
    );
  }
  const test = pkg.scripts?.test;
  if (typeof test === 'string' && test.startsWith('vitest')) {
    if (!test.includes("--exclude '**/*.conformance.test.ts'")) {
      problems.push(
        `${at}: scripts.test must leave out conformance tests: "vitest run --exclude '**/*.conformance.test.ts'".`,
      );
    }
    if (typeof pkg.scripts['test:conformance'] !== 'string') {
      problems.push(
        `${at}: add "test:conformance": "vitest run --passWithNoTests --testTimeout=60000 --hookTimeout=60000 .conformance.test.".`,
      );
    }
  }
  if (pkg.private === true) continue;
  if (pkg.license !== 'MIT') problems.push(`${at}: license must be "MIT".`);
  const licenseFile = path.join(root, dir, 'LICENSE');
  if (!existsSync(licenseFile) || readFileSync(licenseFile, 'utf8') !== license) {
    problems.push(
      `${dir}/LICENSE: missing or different from the root LICENSE; copy it: cp LICENSE ${dir}/LICENSE.`,
    );
  }
  if (pkg.repository?.directory !== dir) {
    problems.push(`${at}: repository.directory must be "${dir}".`);
  }
  for (const [name, target] of Object.entries(pkg.bin ?? {})) {
    if (!existsSync(path.join(root, dir, target)) || /^(\.\/)?dist\//.test(target)) {
      problems.push(
        `${at}: bin "${name}" (${target}) must be a checked-in file outside dist/ (a bin/*.js wrapper that imports ../dist), or pnpm install warns "Failed to create bin".`,
      );
    }
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`manifests: ${problem}`);
  process.exit(1);
}
console.log(`manifests: ${dirs.length} package manifests follow the conventions`);

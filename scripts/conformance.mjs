#!/usr/bin/env node
// `pnpm test:conformance`: runs every `*.conformance.test.ts` (the tests that read the shared
// Amplifier contract and recorded Azure payloads, which are never copied into this repository)
// against AMPLIFIER_SHARED_DIR, default `../shared` next to the repository root. Says which
// directory it reads and fails when it is missing: a conformance run that checks nothing must
// not pass.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fromEnv = process.env.AMPLIFIER_SHARED_DIR;
const dir =
  fromEnv !== undefined && fromEnv !== ''
    ? path.resolve(fromEnv)
    : path.resolve(root, '..', 'shared');
const origin =
  fromEnv !== undefined && fromEnv !== ''
    ? `AMPLIFIER_SHARED_DIR=${fromEnv}`
    : 'default: ../shared next to the repository root';

if (!existsSync(dir) || !statSync(dir).isDirectory()) {
  console.error(`conformance: FAILED: shared directory ${dir} (${origin}) does not exist.`);
  console.error(
    'conformance: set AMPLIFIER_SHARED_DIR to the directory holding amplifier/ and conformance/ (the Amplifier contract and recorded payloads), then run `pnpm test:conformance` again.',
  );
  process.exit(1);
}
console.log(`conformance: reading shared material from ${dir} (${origin})`);

const run = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'test:conformance', '--concurrency=1', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, AMPLIFIER_SHARED_DIR: dir } },
);
if (run.error) {
  console.error(`conformance: cannot start turbo: ${run.error.message}`);
  process.exit(1);
}
process.exit(run.status ?? 1);

#!/usr/bin/env node
// Fails the bridge's tests when the committed Node bundle
// (src/amplifier_module_provider_azure_openai/_node/host.mjs, what a `git+https://...` install of
// any commit ships) differs from the one `pnpm build` just made from the sources (dist/host.mjs).
// UPDATE_BRIDGE_BUNDLE=1 copies the fresh build over the committed file instead.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'host.mjs');
const committed = path.join(
  root,
  'src',
  'amplifier_module_provider_azure_openai',
  '_node',
  'host.mjs',
);
const update = 'UPDATE_BRIDGE_BUNDLE=1 pnpm --filter @amplifier-azure-openai/python-bridge test';

if (!existsSync(built)) {
  console.error(
    `bundle-freshness: ${path.relative(root, built)} is missing: run \`pnpm build\` first.`,
  );
  process.exit(1);
}
const fresh = readFileSync(built);
const current = existsSync(committed) ? readFileSync(committed) : undefined;
if (current?.equals(fresh)) process.exit(0);
if (process.env.UPDATE_BRIDGE_BUNDLE === '1') {
  copyFileSync(built, committed);
  console.log(
    `bundle-freshness: updated ${path.relative(root, committed)} (${fresh.length} bytes); commit it.`,
  );
  process.exit(0);
}
console.error(
  `bundle-freshness: ${path.relative(root, committed)} is ${current === undefined ? 'missing' : 'stale'}: it is not what \`pnpm build\` makes from the current sources, so a git install of this commit would run old code. Run \`${update}\` and commit the file.`,
);
process.exit(1);

#!/usr/bin/env node
// The published and workspace entry point of `azure-openai-emulator`. It is checked in (not built)
// because pnpm links a workspace package's bin only when the file exists at install time, and
// dist/ is produced later by `pnpm build`. The emulator's command line is src/bin.ts, built to
// dist/bin.js.
import { existsSync } from 'node:fs';

const target = new URL('../dist/bin.js', import.meta.url);
if (existsSync(target)) {
  await import(target.href);
} else {
  process.stderr.write(
    'error: NotBuiltError: @amplifier-azure-openai/emulator is not built (dist/bin.js is missing). Run `pnpm build` first.\n',
  );
  process.exitCode = 1;
}

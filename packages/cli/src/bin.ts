#!/usr/bin/env node
import { runCli } from './run-cli.js';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  code => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: InternalError: ${String(error)}\n`);
    process.exitCode = 1;
  },
);

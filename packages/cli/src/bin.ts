#!/usr/bin/env node
import { runCli } from './run-cli.js';

// A closed pipe (`amplifier-azure-openai demo | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE')
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw error;
  });
}

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  code => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: InternalError: ${String(error)}\n`);
    process.exitCode = 1;
  },
);

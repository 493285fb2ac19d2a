#!/usr/bin/env node
// `pnpm test:redis` needs a real redis-server binary (the tests start their own on a loopback
// port); fail with the install command when there is none.
import { spawnSync } from 'node:child_process';

const result = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
if (result.status !== 0) {
  console.error(
    'test:redis: redis-server was not found on the PATH. Install it with: apt-get install -y redis-server (as root; Debian/Ubuntu), then run pnpm test:redis again.',
  );
  process.exit(1);
}
console.log(`test:redis: ${result.stdout.trim()}`);

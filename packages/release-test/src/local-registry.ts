import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';

/** A Verdaccio registry running on 127.0.0.1 with its storage in a temp directory. */
export interface LocalRegistry {
  /** Base URL, e.g. `http://127.0.0.1:4873/` (with the trailing slash npm expects). */
  readonly url: string;
  /** Bearer token of the user the registry created for publishing. */
  readonly token: string;
  /** Stops the registry process and waits for it to exit. */
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The registry's configuration: local storage and htpasswd users under `dir`, no uplinks (it
 * never proxies to npmjs.org or anywhere else: a package it does not hold is a 404), web UI off.
 */
function config(dir: string): string {
  return [
    `storage: ${JSON.stringify(path.join(dir, 'storage'))}`,
    `plugins: ${JSON.stringify(path.join(dir, 'plugins'))}`,
    'web:',
    '  enable: false',
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(path.join(dir, 'htpasswd'))}`,
    '    max_users: 10',
    'uplinks: {}',
    'packages:',
    "  '@*/*':",
    '    access: $all',
    '    publish: $authenticated',
    "  '**':",
    '    access: $all',
    '    publish: $authenticated',
    'max_body_size: 200mb',
    'log: { type: stdout, format: json, level: warn }',
    '',
  ].join('\n');
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`verdaccio exited with ${child.exitCode} before answering:\n${output()}`);
    }
    try {
      const response = await fetch(new URL('-/ping', url));
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error(`verdaccio did not answer ${url}-/ping within 120 s:\n${output()}`);
}

/**
 * Starts Verdaccio (the `verdaccio` devDependency) on a free 127.0.0.1 port with its config and
 * storage in `dir`, and creates a user to publish with.
 */
export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  const configFile = path.join(dir, 'config.yaml');
  writeFileSync(configFile, config(dir));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bin = path.join(
    path.dirname(createRequire(import.meta.url).resolve('verdaccio/package.json')),
    'bin',
    'verdaccio',
  );
  const child = spawn(
    process.execPath,
    [bin, '--config', configFile, '--listen', `127.0.0.1:${port}`],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const append = (chunk: Buffer): void => {
    log = `${log}${chunk.toString('utf8')}`.slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilUp(url, child, () => log);
    const response = await fetch(new URL('-/user/org.couchdb.user:release', url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        _id: 'org.couchdb.user:release',
        name: 'release',
        password: 'release-test-password',
        type: 'user',
        roles: [],
        date: new Date().toISOString(),
      }),
    });
    const body = (await response.json()) as { token?: unknown };
    if (!response.ok || typeof body.token !== 'string') {
      throw new Error(`verdaccio did not create the publishing user (${response.status}).`);
    }
    return { url, token: body.token, close };
  } catch (error) {
    await close();
    throw error;
  }
}

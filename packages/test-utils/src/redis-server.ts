import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestUtilsError } from './errors.js';
import { freePort } from './free-port.js';

/** The Debian command that installs what {@link startRedisServer} needs. */
export const REDIS_INSTALL_COMMAND = 'apt-get install -y redis-server';

/** A real `redis-server` on 127.0.0.1, in its own temp dir, with nothing persisted. */
export interface RedisServerHandle {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** True while the process runs. */
  readonly running: boolean;
  /** Kills the server at once (SIGKILL), as a crash would; `restart()` brings it back. */
  kill(): Promise<void>;
  /** Starts the server again on the same port (after `kill()`), empty. */
  restart(): Promise<void>;
  /** Stops the server and removes its temp dir. Idempotent. */
  stop(): Promise<void>;
}

/** True when a `redis-server` binary is on the PATH. */
export function hasRedisServer(): boolean {
  const result = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return result.status === 0;
}

/**
 * Starts `redis-server` on a free loopback port (redis cannot listen on port 0) in a new temp
 * dir, without persistence, and waits until it accepts connections.
 *
 * @throws TestUtilsError `redis-server-not-found` (with the install command) or `redis-server-failed`.
 */
export async function startRedisServer(): Promise<RedisServerHandle> {
  if (!hasRedisServer()) {
    throw new TestUtilsError({
      code: 'redis-server-not-found',
      message: `redis-server is not installed; the Redis tests need it. Install it with: ${REDIS_INSTALL_COMMAND} (as root).`,
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'aoai-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const process_ = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = process_;
    let output = '';
    process_.stdout?.on('data', chunk => {
      output += String(chunk);
    });
    process_.stderr?.on('data', chunk => {
      output += String(chunk);
    });
    await waitForPort(port, process_, () => output);
  };

  const waitExit = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>(resolve => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  };

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    kill: () => waitExit('SIGKILL'),
    restart: async () => {
      await waitExit('SIGKILL');
      await launch();
    },
    stop: async () => {
      await waitExit('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const { createConnection } = await import('node:net');
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new TestUtilsError({
        code: 'redis-server-failed',
        message: `redis-server exited (code ${child.exitCode}) before accepting connections on port ${port}: ${output().slice(0, 500)}`,
      });
    }
    const ok = await new Promise<boolean>(resolve => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end('PING\r\n');
        socket.once('data', data => {
          socket.destroy();
          resolve(String(data).startsWith('+PONG'));
        });
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new TestUtilsError({
        code: 'redis-server-failed',
        message: `redis-server did not accept connections on port ${port} within 15 s: ${output().slice(0, 500)}`,
      });
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  EmulatorEndpoint,
  HostReply,
  HostRequest,
  RecordedSummary,
} from './emulator-protocol.js';

/** Options passed to `startEmulator` in the child (JSON-serialisable subset). */
export interface ChildEmulatorOptions {
  latencyMs?: number | undefined;
  tokenLifetimeSeconds?: number | undefined;
  maxRecordedRequests?: number | undefined;
}

/** An emulator running in its own process. */
export interface EmulatorProcess extends EmulatorEndpoint {
  /** The address and credentials alone, as plain data (what a contender process gets). */
  endpoint: EmulatorEndpoint;
  /** Total requests the emulator received (all paths), and managed-identity tokens issued. */
  stats(): Promise<{ totalRequests: number; tokenRequests: number }>;
  /** The recorded requests (bounded by `maxRecordedRequests`). */
  recorded(): Promise<RecordedSummary[]>;
  /** The parsed JSON body of the last recorded request. */
  lastBody(): Promise<unknown>;
  /** Forget recorded requests (counters keep counting). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

const HOST = fileURLToPath(new URL('./emulator-host.ts', import.meta.url));
/** The bench package directory: `--import tsx` resolves from here whatever the caller's cwd. */
const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));

/** Forks `emulator-host.ts` (under tsx) and waits for its endpoint. */
export async function startEmulatorProcess(
  options: ChildEmulatorOptions = {},
): Promise<EmulatorProcess> {
  const child: ChildProcess = fork(HOST, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    cwd: BENCH_DIR,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, (reply: HostReply) => void>();
  const ready = new Promise<EmulatorEndpoint>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', code => reject(new Error(`emulator process exited early (${code})`)));
    child.on('message', (message: HostReply) => {
      if (message.id === 0 && message.ready !== undefined) resolve(message.ready);
      else pending.get(message.id)?.(message);
      pending.delete(message.id);
    });
  });
  const endpoint = await ready;
  child.removeAllListeners('exit');
  const ask = (cmd: HostRequest['cmd']): Promise<HostReply> =>
    new Promise(resolve => {
      const id = nextId++;
      pending.set(id, resolve);
      child.send({ id, cmd } satisfies HostRequest);
    });
  let closing: Promise<void> | undefined;
  return {
    ...endpoint,
    endpoint,
    async stats() {
      const reply = await ask('stats');
      return { totalRequests: reply.totalRequests ?? 0, tokenRequests: reply.tokenRequests ?? 0 };
    },
    async recorded() {
      return (await ask('recorded')).recorded ?? [];
    },
    async lastBody() {
      return (await ask('last-body')).body;
    },
    async clear() {
      await ask('clear');
    },
    close() {
      closing ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
        if (child.connected) await ask('close');
        child.kill('SIGTERM');
        await exited;
      })();
      return closing;
    },
  };
}

import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Answer } from './answer.js';
import type {
  ContenderReply,
  ContenderRequest,
  ContenderSetup,
  ContenderVariant,
} from './contender-protocol.js';
import type { ContenderId } from './contenders.js';
import type { BatchRunner } from './measure.js';

/** One copy of a contender in its process: over loopback, or against the canned `fetch`. */
export interface ContenderVariantRunner extends BatchRunner {
  id: ContenderId;
  /** Makes one call and returns its normalized answer (verification, not timed). */
  answer(): Promise<Answer>;
}

/** A contender running in a process of its own (see `contender-host.ts`). */
export interface ContenderProcess {
  id: ContenderId;
  /** The `network` copy, or the `canned` one (needs a canned answer in the setup). */
  variant(variant: ContenderVariant): ContenderVariantRunner;
  close(): Promise<void>;
}

const HOST = fileURLToPath(new URL('./contender-host.ts', import.meta.url));
/** The bench package directory: `--import tsx` resolves from here whatever the caller's cwd. */
const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));

/** Forks `contender-host.ts` (under tsx) for one contender and waits until it is ready. */
export async function startContenderProcess(setup: ContenderSetup): Promise<ContenderProcess> {
  const child: ChildProcess = fork(HOST, [JSON.stringify(setup)], {
    execArgv: ['--import', 'tsx'],
    cwd: BENCH_DIR,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (r: ContenderReply) => void; reject: (e: Error) => void }
  >();
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  const ready = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', code => {
      const error = new Error(`contender process '${setup.id}' exited (code ${code})`);
      reject(error);
      failAll(error);
    });
    child.on('message', (reply: ContenderReply) => {
      if (reply.id === 0) {
        if (reply.error === undefined) resolve();
        else reject(new Error(`contender process '${setup.id}' failed to start: ${reply.error}`));
        return;
      }
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(new Error(`${setup.id}: ${reply.error}`));
      else waiter?.resolve(reply);
    });
  });
  await ready;
  const ask = (request: DistributiveOmit<ContenderRequest, 'id'>): Promise<ContenderReply> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...request, id } as ContenderRequest);
    });
  let closing: Promise<void> | undefined;
  return {
    id: setup.id,
    variant: variant => ({
      id: setup.id,
      async answer() {
        const reply = await ask({ cmd: 'answer', variant });
        if (reply.answer === undefined) throw new Error(`${setup.id}: no answer`);
        return reply.answer;
      },
      async runBatch(total, concurrency, latencies) {
        const reply = await ask({
          cmd: 'batch',
          variant,
          total,
          concurrency,
          latencies: latencies !== undefined,
        });
        if (latencies !== undefined) latencies.push(...(reply.latencies ?? []));
        return { ms: reply.ms ?? Number.NaN, cpuUs: reply.cpuUs ?? Number.NaN };
      },
    }),
    close() {
      closing ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        if (child.connected) await ask({ cmd: 'close' }).catch(() => undefined);
        child.kill('SIGTERM');
        await exited;
      })();
      return closing;
    },
  };
}

/** Starts one process per contender (in parallel); closes the started ones if one fails. */
export async function startContenderProcesses(
  ids: readonly ContenderId[],
  setup: Omit<ContenderSetup, 'id'>,
): Promise<ContenderProcess[]> {
  const started = await Promise.allSettled(ids.map(id => startContenderProcess({ ...setup, id })));
  const failed = started.find(s => s.status === 'rejected');
  const ok = started.flatMap(s => (s.status === 'fulfilled' ? [s.value] : []));
  if (failed !== undefined) {
    await Promise.all(ok.map(p => p.close()));
    throw failed.reason;
  }
  return ok;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Child-process entry: one contender in a process of its own, so no library's JIT state, heap or
 * garbage-collection debt touches another's measurements (as in real use, where an application
 * loads one of them). Setup comes from argv as one JSON {@link ContenderSetup}; the parent asks
 * for batches over IPC and this process times them, CPU included.
 */

import type { ContenderReply, ContenderRequest, ContenderSetup } from './contender-protocol.js';
import {
  type Contender,
  cannedFetch,
  createBenchProvider,
  createContenders,
} from './contenders.js';
import { runBatch } from './measure.js';

// Exit with the benchmark: a parent that goes away closes the IPC channel.
process.on('disconnect', () => process.exit(0));

const setup = JSON.parse(process.argv[2] ?? '{}') as ContenderSetup;
const fetchImpl =
  setup.canned === undefined
    ? undefined
    : cannedFetch(setup.canned.status, setup.canned.body, 'application/json');
const provider = createBenchProvider(setup.endpoint, {}, fetchImpl);
const found = createContenders(
  setup.scenario,
  setup.endpoint,
  provider,
  setup.providerBody,
  fetchImpl,
).find(c => c.id === setup.id);
const send = (message: ContenderReply): void => {
  process.send?.(message);
};
/** Tells the parent why this process cannot start, then exits once the message is out. */
function failToStart(error: string): Promise<never> {
  return new Promise(() => {
    process.send?.({ id: 0, error } satisfies ContenderReply, () => process.exit(1));
  });
}
const contender: Contender = found ?? (await failToStart(`unknown contender '${setup.id}'`));

async function handle(request: ContenderRequest): Promise<ContenderReply> {
  switch (request.cmd) {
    case 'answer':
      return { id: request.id, answer: contender.answer(await contender.call()) };
    case 'batch': {
      const latencies: number[] | undefined = request.latencies ? [] : undefined;
      const before = process.cpuUsage();
      const ms = await runBatch(
        () => contender.call(),
        request.total,
        request.concurrency,
        latencies,
      );
      const used = process.cpuUsage(before);
      return { id: request.id, ms, cpuUs: used.user + used.system, latencies };
    }
    case 'close':
      await provider.close();
      return { id: request.id };
  }
}

process.on('message', (request: ContenderRequest) => {
  handle(request).then(send, (error: unknown) =>
    send({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});

send({ id: 0, ready: true });

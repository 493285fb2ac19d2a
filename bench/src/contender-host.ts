/**
 * Child-process entry: one contender in a process of its own, so no library's JIT state, heap or
 * garbage-collection debt touches another's measurements (as in real use, where an application
 * loads one of them). Setup comes from argv as one JSON {@link ContenderSetup}; the parent asks
 * for batches over IPC and this process times them, CPU included. With a canned answer in the
 * setup, the same process also serves the canned-`fetch` copy of the contender.
 */

import type {
  ContenderReply,
  ContenderRequest,
  ContenderSetup,
  ContenderVariant,
} from './contender-protocol.js';
import {
  type Contender,
  cannedFetch,
  createBenchProvider,
  createContenders,
} from './contenders.js';
import { inProcess } from './measure.js';

// Exit with the benchmark: a parent that goes away closes the IPC channel.
process.on('disconnect', () => process.exit(0));

const setup = JSON.parse(process.argv[2] ?? '{}') as ContenderSetup;

/** Tells the parent why this process cannot start, then exits once the message is out. */
function failToStart(error: string): Promise<never> {
  return new Promise(() => {
    process.send?.({ id: 0, error } satisfies ContenderReply, () => process.exit(1));
  });
}

/** The contender with its own provider, over loopback or against a canned `fetch`. */
async function build(fetchImpl: typeof fetch | undefined) {
  const provider = createBenchProvider(setup.endpoint, {}, fetchImpl);
  const contender: Contender =
    createContenders(setup.scenario, setup.endpoint, provider, setup.providerBody, fetchImpl).find(
      c => c.id === setup.id,
    ) ?? (await failToStart(`unknown contender '${setup.id}'`));
  return { provider, contender };
}

const variants = new Map([['network', await build(undefined)]]);
if (setup.canned !== undefined) {
  const { status, body } = setup.canned;
  variants.set('canned', await build(cannedFetch(status, body, 'application/json')));
}

function contenderFor(variant: ContenderVariant): Contender {
  const built = variants.get(variant);
  if (built === undefined) throw new Error(`no '${variant}' variant (start with a canned answer)`);
  return built.contender;
}

async function handle(request: ContenderRequest): Promise<ContenderReply> {
  switch (request.cmd) {
    case 'answer': {
      const contender = contenderFor(request.variant);
      return { id: request.id, answer: contender.answer(await contender.call()) };
    }
    case 'batch': {
      const latencies: number[] | undefined = request.latencies ? [] : undefined;
      const timing = await inProcess(contenderFor(request.variant)).runBatch(
        request.total,
        request.concurrency,
        latencies,
      );
      return { id: request.id, ...timing, latencies };
    }
    case 'close':
      await Promise.all([...variants.values()].map(v => v.provider.close()));
      return { id: request.id };
  }
}

const send = (message: ContenderReply): void => {
  process.send?.(message);
};

process.on('message', (request: ContenderRequest) => {
  handle(request).then(send, (error: unknown) =>
    send({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});

send({ id: 0 });

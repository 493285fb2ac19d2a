/**
 * Runs one contender alone so it can be profiled:
 *   node --cpu-prof --cpu-prof-dir=profiles --import tsx src/profile-contender.ts provider simple 5000 1
 * Arguments: contender id, scenario (simple | tools | stream, or simple-canned | tools-canned for
 * a canned `fetch` with no socket: library CPU only), request count, concurrency.
 * With `PROFILE_OUT=<file.cpuprofile>` only the timed batch (after warm-up, without module
 * loading) is profiled, through node:inspector (the same V8 CPU profiler `--cpu-prof` uses).
 * Then `node --import tsx src/summarize-profile.ts <file>.cpuprofile`.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import {
  type ContenderId,
  createBenchProvider,
  createContenders,
  createStreamContenders,
  recordCannedFetch,
} from './contenders.js';
import { startEmulatorProcess } from './emulator-process.js';
import { runBatch } from './measure.js';
import { simpleChatRequest, streamChatRequest, toolChatRequest } from './scenarios.js';

const [id = 'provider', scenario = 'simple', countText = '3000', concurrencyText = '1'] =
  process.argv.slice(2);
const count = Number(countText);
const concurrency = Number(concurrencyText);
const emu = await startEmulatorProcess({ maxRecordedRequests: 10 });
const provider = createBenchProvider(emu);
try {
  let call: () => Promise<unknown>;
  if (scenario === 'stream') {
    for await (const _ of provider.stream(streamChatRequest())) {
      // capture the body
    }
    const body = (await emu.lastBody()) as Record<string, unknown>;
    const c = createStreamContenders(emu, provider, body).find(x => x.id === id);
    if (c === undefined) throw new Error(`unknown contender ${id}`);
    call = () => c.stream();
  } else {
    const kind = scenario.startsWith('tools') ? 'tools' : 'simple';
    await provider.complete(kind === 'tools' ? toolChatRequest() : simpleChatRequest());
    const body = (await emu.lastBody()) as Record<string, unknown>;
    let fetchImpl: typeof fetch | undefined;
    let target = provider;
    if (scenario.endsWith('-canned')) {
      fetchImpl = await recordCannedFetch(emu, body);
      target = createBenchProvider(emu, {}, fetchImpl);
    }
    const c = createContenders(kind, emu, target, body, fetchImpl).find(
      x => x.id === (id as ContenderId),
    );
    if (c === undefined) throw new Error(`unknown contender ${id}`);
    call = () => c.call();
  }
  await runBatch(call, Math.min(500, count), concurrency);
  const out = process.env.PROFILE_OUT;
  const session = out === undefined ? undefined : new Session();
  if (session !== undefined) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  const cpuBefore = process.cpuUsage();
  const ms = await runBatch(call, count, concurrency);
  const cpu = process.cpuUsage(cpuBefore);
  if (session !== undefined && out !== undefined) {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(out, JSON.stringify(profile));
    session.disconnect();
  }
  process.stdout.write(`client CPU ${((cpu.user + cpu.system) / count).toFixed(0)} µs per call\n`);
  process.stdout.write(
    `${id} ${scenario}: ${count} calls at concurrency ${concurrency} in ${ms.toFixed(0)} ms (${((count * 1000) / ms).toFixed(0)}/s)\n`,
  );
} finally {
  await provider.close();
  await emu.close();
}

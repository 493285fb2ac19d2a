/**
 * The provider against the raw `openai` SDK only: many short alternating rounds, reported as
 * medians of per-round ratios. A quick check for a change on the provider's hot path, without the
 * full `pnpm bench`. `canned` uses the canned `fetch` (no socket: library CPU only), `network`
 * the emulator process over loopback.
 *   node --import tsx src/compare-with-sdk.ts [simple|tools] [canned|network] [concurrency] [rounds] [callsPerRound]
 */
import {
  createBenchProvider,
  createContenders,
  recordCannedFetch,
  type Scenario,
} from './contenders.js';
import { startEmulatorProcess } from './emulator-process.js';
import { inProcess, median, pairedRatio, runRounds } from './measure.js';
import { simpleChatRequest, toolChatRequest } from './scenarios.js';

const [
  scenarioText = 'simple',
  mode = 'canned',
  concurrencyText = '1',
  roundsText = '30',
  perRoundText = '2000',
] = process.argv.slice(2);
const scenario: Scenario = scenarioText === 'tools' ? 'tools' : 'simple';
const canned = mode === 'canned';
const emu = await startEmulatorProcess({ maxRecordedRequests: 10 });
try {
  const live = createBenchProvider(emu);
  await live.complete(scenario === 'tools' ? toolChatRequest() : simpleChatRequest());
  await live.close();
  const body = (await emu.lastBody()) as Record<string, unknown>;
  const fetchImpl = canned ? await recordCannedFetch(emu, body) : undefined;
  const provider = createBenchProvider(emu, {}, fetchImpl);
  const contenders = createContenders(scenario, emu, provider, body, fetchImpl)
    .filter(c => c.id === 'openai-sdk' || c.id === 'provider')
    .map(inProcess);
  const [sdk, ours] = await runRounds(contenders, {
    concurrency: Number(concurrencyText),
    rounds: Number(roundsText),
    perRound: Number(perRoundText),
    warmup: 2000,
  });
  if (sdk === undefined || ours === undefined) throw new Error('missing contender');
  const cpuSdk = median(sdk.roundCpuUs);
  const cpuOurs = median(ours.roundCpuUs);
  process.stdout.write(
    `${scenario} ${mode} c=${concurrencyText}: calls/s provider/SDK ${pairedRatio(ours.roundRps, sdk.roundRps).toFixed(3)}x; ` +
      `CPU µs/call SDK ${cpuSdk.toFixed(1)}, provider ${cpuOurs.toFixed(1)} ` +
      `(${pairedRatio(ours.roundCpuUs, sdk.roundCpuUs).toFixed(3)}x); ` +
      `p50 ${pairedRatio(ours.roundP50Ms, sdk.roundP50Ms).toFixed(3)}x\n`,
  );
  await provider.close();
} finally {
  await emu.close();
}

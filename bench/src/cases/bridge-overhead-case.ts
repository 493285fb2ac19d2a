import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createBenchProvider } from '../contenders.js';
import type { EmulatorProcess } from '../emulator-process.js';
import {
  type BatchRunner,
  inProcess,
  pairedDifference,
  pairedRatio,
  runRounds,
} from '../measure.js';
import { DEPLOYMENT, simpleChatRequest, toolChatRequest } from '../scenarios.js';

const DRIVER = fileURLToPath(new URL('../bridge-driver.py', import.meta.url));
const BUNDLE = fileURLToPath(
  new URL(
    '../../../bridges/python/src/amplifier_module_provider_azure_openai/_node/host.mjs',
    import.meta.url,
  ),
);

/** Load settings of the bridge-overhead case. */
export interface BridgeOverheadSettings {
  rounds: number;
  perRound: number;
  warmup: number;
}

/** One scenario of case 7: the bridge against the Node provider alone, concurrency 1. */
export interface BridgeOverheadResult {
  scenario: 'simple' | 'tools';
  calls: number;
  /** p50 / p99 of `provider.complete` in Node (the bench process). */
  nodeP50Ms: number;
  nodeP99Ms: number;
  /** p50 / p99 of `await provider.complete(request)` in Python through the bridge. */
  bridgeP50Ms: number;
  bridgeP99Ms: number;
  /** Median over rounds of (bridge p50 - Node p50): what the bridge adds per call. */
  addedP50Ms: number;
  /** Median over rounds of bridge p50 / Node p50. */
  p50Ratio: number;
  /** Python's own CPU per call (the Node child's is not counted), microseconds. */
  pythonCpuUsPerCall: number;
}

/** Case 7's result: one entry per scenario, or why it was skipped. */
export type BridgeOverheadCaseResult =
  | { skipped: false; results: BridgeOverheadResult[] }
  | { skipped: true; reason: string };

interface DriverReply {
  ok: boolean;
  error?: string;
  ms?: number;
  cpu_us?: number;
  latencies?: number[];
}

/** The Python driver (`bridge-driver.py`) as a line-protocol client. */
function startDriver(): { child: ChildProcess; ask(command: object): Promise<DriverReply> } {
  const child = spawn('python3', [DRIVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const waiting: Array<(reply: DriverReply) => void> = [];
  lines.on('line', line => waiting.shift()?.(JSON.parse(line) as DriverReply));
  const fail = (error: string) => {
    for (const resolve of waiting.splice(0)) resolve({ ok: false, error });
  };
  child.on('exit', () => fail('driver exited'));
  child.on('error', error => fail(error.message));
  child.stdin?.on('error', () => fail('driver stdin closed'));
  return {
    child,
    ask(command) {
      return new Promise(resolve => {
        waiting.push(resolve);
        child.stdin?.write(`${JSON.stringify(command)}\n`);
      });
    },
  };
}

/**
 * Case 7: what the Python bridge adds per call. Python awaits `provider.complete(request)` through
 * the bridge (JSON-RPC over the Node child's stdio, hook events re-emitted) against the emulator;
 * the same provider is called directly in this Node process. Non-streaming, concurrency 1,
 * alternating rounds; the added p50 is the median of per-round differences.
 */
export async function runBridgeOverheadCase(
  emu: EmulatorProcess,
  settings: BridgeOverheadSettings,
  log: (line: string) => void,
): Promise<BridgeOverheadCaseResult> {
  if (!existsSync(BUNDLE)) {
    return { skipped: true, reason: 'bridge bundle not built (pnpm build)' };
  }
  const driver = startDriver();
  const provider = createBenchProvider(emu);
  try {
    const mounted = await driver.ask({
      op: 'mount',
      config: {
        azure_endpoint: emu.url,
        api_key: emu.apiKey,
        use_streaming: false,
        node_path: process.execPath,
      },
    });
    if (!mounted.ok) {
      return { skipped: true, reason: `python3 bridge unavailable: ${mounted.error ?? ''}` };
    }
    const results: BridgeOverheadResult[] = [];
    for (const scenario of ['simple', 'tools'] as const) {
      const request = scenario === 'simple' ? simpleChatRequest() : toolChatRequest();
      let pythonCpuUs = 0;
      let pythonCalls = 0;
      const bridge: BatchRunner = {
        id: 'python-bridge',
        async runBatch(total, _concurrency, latencies) {
          const reply = await driver.ask({ op: 'batch', request, n: total });
          if (!reply.ok) throw new Error(`bridge batch failed: ${reply.error ?? ''}`);
          latencies?.push(...(reply.latencies ?? []));
          pythonCpuUs += reply.cpu_us ?? 0;
          pythonCalls += total;
          return { ms: reply.ms ?? 0, cpuUs: reply.cpu_us ?? 0 };
        },
      };
      const node = inProcess({ id: 'node-provider', call: () => provider.complete(request) });
      const [bridgeResult, nodeResult] = await runRounds([bridge, node], {
        concurrency: 1,
        ...settings,
      });
      if (bridgeResult === undefined || nodeResult === undefined) continue;
      const result: BridgeOverheadResult = {
        scenario,
        calls: bridgeResult.requests,
        nodeP50Ms: nodeResult.p50Ms,
        nodeP99Ms: nodeResult.p99Ms,
        bridgeP50Ms: bridgeResult.p50Ms,
        bridgeP99Ms: bridgeResult.p99Ms,
        addedP50Ms: pairedDifference(bridgeResult.roundP50Ms, nodeResult.roundP50Ms),
        p50Ratio: pairedRatio(bridgeResult.roundP50Ms, nodeResult.roundP50Ms),
        pythonCpuUsPerCall: pythonCalls === 0 ? 0 : pythonCpuUs / pythonCalls,
      };
      log(
        `  ${scenario} (${DEPLOYMENT}): Node p50 ${result.nodeP50Ms.toFixed(3)} ms, bridge p50 ${result.bridgeP50Ms.toFixed(3)} ms, added ${result.addedP50Ms.toFixed(3)} ms (${result.p50Ratio.toFixed(2)}x)`,
      );
      results.push(result);
    }
    return { skipped: false, results };
  } finally {
    await provider.close();
    driver.child.stdin?.end();
    await new Promise<void>(resolve => {
      if (driver.child.exitCode !== null || driver.child.pid === undefined) resolve();
      else driver.child.once('exit', () => resolve());
    });
  }
}

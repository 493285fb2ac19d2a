import { pairedDifference, pairedRatio, type ThroughputResult } from './measure.js';
import type { BenchResults, GoalCheck } from './results.js';

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

function byId(results: readonly ThroughputResult[], id: string): ThroughputResult | undefined {
  return results.find(r => r.id === id);
}

/** Checks the issue's goals against a run's numbers. */
export function checkGoals(results: BenchResults): GoalCheck[] {
  const goals: GoalCheck[] = [];
  for (const c of [results.cases.simple, results.cases.tools]) {
    const turn = c?.scenario === 'tools' ? 'tool turn' : 'text turn';
    for (const run of c?.runs ?? []) {
      const sdk = byId(run.results, 'openai-sdk');
      const provider = byId(run.results, 'provider');
      if (sdk === undefined || provider === undefined) continue;
      const rps = pairedRatio(provider.roundRps, sdk.roundRps) - 1;
      const p50 = pairedRatio(provider.roundP50Ms, sdk.roundP50Ms) - 1;
      const cpu = pairedRatio(provider.roundCpuUs, sdk.roundCpuUs) - 1;
      goals.push({
        goal: `provider.complete within 5% of the openai SDK (throughput and p50), ${turn}, concurrency ${run.concurrency}`,
        pass: rps >= -0.05 && p50 <= 0.05,
        detail: `throughput ${pct(rps)}, p50 ${pct(p50)}, client CPU per request ${pct(cpu)} (${provider.cpuUsPerRequest.toFixed(0)} vs ${sdk.cpuUsPerRequest.toFixed(0)} µs); medians of per-round ratios`,
      });
      const peers = ['ai-sdk', 'langchain']
        .map(id => byId(run.results, id))
        .filter((r): r is ThroughputResult => r !== undefined);
      goals.push({
        goal: `provider.complete ahead of @ai-sdk/azure and LangChain, ${turn}, concurrency ${run.concurrency}`,
        pass: peers.every(p => pairedRatio(provider.roundRps, p.roundRps) > 1),
        detail: peers
          .map(p => `${p.id} ${pct(pairedRatio(provider.roundRps, p.roundRps) - 1)}`)
          .join(', '),
      });
    }
  }
  for (const c of [results.cases.simple, results.cases.tools]) {
    const o = c?.overhead;
    const sdk = o === undefined ? undefined : byId(o.results, 'openai-sdk');
    const provider = o === undefined ? undefined : byId(o.results, 'provider');
    if (c === undefined || sdk === undefined || provider === undefined) continue;
    const rps = pairedRatio(provider.roundRps, sdk.roundRps) - 1;
    goals.push({
      goal: `provider.complete within 5% of the openai SDK with no network (canned fetch, library CPU only), ${c.scenario === 'simple' ? 'text turn' : 'tool turn'}`,
      pass: rps >= -0.05,
      detail: `calls/s ${pct(rps)}; ${(provider.p50Ms * 1000).toFixed(1)} vs ${(sdk.p50Ms * 1000).toFixed(1)} µs per call (p50), +${((provider.p50Ms - sdk.p50Ms) * 1000).toFixed(1)} µs`,
    });
  }
  const streaming = results.cases.streaming;
  if (streaming !== undefined) {
    const sdk = streaming.find(s => s.id === 'openai-sdk');
    const provider = streaming.find(s => s.id === 'provider');
    if (sdk !== undefined && provider !== undefined) {
      const extra = pairedDifference(provider.roundTtfdP50Ms, sdk.roundTtfdP50Ms);
      goals.push({
        goal: 'streaming adds under 1 ms to time-to-first-delta over the SDK (p50)',
        pass: extra < 1,
        detail: `${extra >= 0 ? '+' : ''}${extra.toFixed(3)} ms, median of per-round differences (p50 provider ${provider.ttfdP50Ms.toFixed(3)} ms, SDK ${sdk.ttfdP50Ms.toFixed(3)} ms); total time ${pct(pairedRatio(provider.roundTotalP50Ms, sdk.roundTotalP50Ms) - 1)}`,
      });
    }
  }
  const tokens = results.cases.tokens;
  if (tokens !== undefined) {
    goals.push({
      goal: 'one managed-identity token request per token lifetime, whatever the concurrency',
      pass: tokens.phases.every(p => p.tokenRequests === p.expected && p.failedCalls === 0),
      detail: tokens.phases.map(p => `${p.phase}: ${p.tokenRequests}/${p.expected}`).join('; '),
    });
  }
  const memory = results.cases.memory;
  const provider = memory?.growth.find(g => g.id === 'provider');
  if (memory !== undefined && provider !== undefined) {
    const sdk = memory.growth.find(g => g.id === 'openai-sdk');
    const allowance = Math.max(1024 * 1024, (sdk?.heapGrowthBytes ?? 0) + 512 * 1024);
    const requests = provider.samples.at(-1)?.requests ?? 0;
    goals.push({
      goal: `no memory growth across ${requests} requests (heap after GC)`,
      pass: provider.heapGrowthBytes <= allowance,
      detail: `provider heap ${(provider.heapGrowthBytes / 1024).toFixed(0)} KiB (${provider.heapBytesPerRequest.toFixed(2)} B/request)${sdk === undefined ? '' : `, SDK ${(sdk.heapGrowthBytes / 1024).toFixed(0)} KiB`}; allowance ${(allowance / 1024).toFixed(0)} KiB`,
    });
  }
  const bridge = results.cases.bridge;
  if (bridge !== undefined && !bridge.skipped) {
    for (const r of bridge.results) {
      goals.push({
        goal: `the Python bridge adds under 1 ms per call (p50, loopback), ${r.scenario === 'simple' ? 'text turn' : 'tool turn'}`,
        pass: r.addedP50Ms < 1,
        detail: `${r.addedP50Ms >= 0 ? '+' : ''}${r.addedP50Ms.toFixed(3)} ms, median of per-round differences (p50 bridge ${r.bridgeP50Ms.toFixed(3)} ms, Node alone ${r.nodeP50Ms.toFixed(3)} ms, ${r.p50Ratio.toFixed(2)}x)`,
      });
    }
  }
  return goals;
}

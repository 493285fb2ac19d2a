import { readFile, writeFile } from 'node:fs/promises';
import { CONTENDER_LABELS, type ContenderId } from './contenders.js';
import { pairedDifference, pairedRatio, type ThroughputResult } from './measure.js';
import { table } from './report-markdown.js';
import type { BenchResults } from './results.js';

const START = '<!-- results-summary:start -->';
const END = '<!-- results-summary:end -->';

const x = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)}x` : 'n/a');

function ratioRows(name: string, results: readonly ThroughputResult[], concurrency: string) {
  const sdk = results.find(r => r.id === 'openai-sdk');
  const floor = results.find(r => r.id === 'fetch');
  return results
    .filter(r => r.id !== 'fetch')
    .map(r => [
      `${name}, ${concurrency}`,
      CONTENDER_LABELS[r.id as ContenderId] ?? r.id,
      r.rps.toFixed(0),
      x(sdk === undefined ? Number.NaN : pairedRatio(r.roundRps, sdk.roundRps)),
      x(sdk === undefined ? Number.NaN : pairedRatio(r.roundP50Ms, sdk.roundP50Ms)),
      x(floor === undefined ? Number.NaN : pairedRatio(r.roundRps, floor.roundRps)),
    ]);
}

/** The compact summary quoted in bench/README.md. */
export function readmeSummary(results: BenchResults): string {
  const m = results.machine;
  const lines = [
    `Latest full run: ${results.date.slice(0, 10)} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node} (load average ${m.loadAverage.start[0]} at the start, ${m.loadAverage.end[0]} at the end: other work was running on the machine). Ratios are medians of per-round ratios; full tables in \`results/latest.md\`, chart in \`results/latest.svg\`.`,
    '',
  ];
  const rows: string[][] = [];
  for (const [name, c] of [
    ['text turn', results.cases.simple],
    ['tool turn', results.cases.tools],
  ] as const) {
    for (const run of c?.runs ?? [])
      rows.push(...ratioRows(name, run.results, `c=${run.concurrency}`));
    if (c?.overhead !== undefined) rows.push(...ratioRows(name, c.overhead.results, 'no network'));
  }
  if (rows.length > 0) {
    lines.push(
      table(
        ['case', 'contender', 'req/s', 'req/s vs SDK', 'p50 vs SDK', 'req/s vs fetch floor'],
        rows,
      ),
      '',
    );
  }
  const s = results.cases.streaming;
  const sdk = s?.find(r => r.id === 'openai-sdk');
  if (s !== undefined && sdk !== undefined) {
    lines.push(
      `Streaming (2,000 deltas): time to first delta over the SDK: ${s
        .filter(r => r.id !== 'openai-sdk' && r.id !== 'fetch')
        .map(
          r =>
            `${r.id} ${(pairedDifference(r.roundTtfdP50Ms, sdk.roundTtfdP50Ms) >= 0 ? '+' : '') + pairedDifference(r.roundTtfdP50Ms, sdk.roundTtfdP50Ms).toFixed(2)} ms (total ${x(pairedRatio(r.roundTotalP50Ms, sdk.roundTotalP50Ms))})`,
        )
        .join(', ')}.`,
      '',
    );
  }
  if (results.goals.length > 0) {
    lines.push(
      table(
        ['goal', 'result', 'detail'],
        results.goals.map(g => [g.goal, g.pass ? 'met' : 'MISSED', g.detail]),
      ),
    );
  }
  return lines.join('\n');
}

/** Replaces the summary block of `readmePath` (between the markers). */
export async function updateReadme(readmePath: string, results: BenchResults): Promise<void> {
  const text = await readFile(readmePath, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end === -1) return;
  const next = `${text.slice(0, start + START.length)}\n${readmeSummary(results)}\n${text.slice(end)}`;
  await writeFile(readmePath, next);
}

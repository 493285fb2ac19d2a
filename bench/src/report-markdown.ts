import { CONTENDER_LABELS, type ContenderId } from './contenders.js';
import { pairedDifference, pairedRatio, type ThroughputResult } from './measure.js';
import type { BenchResults } from './results.js';

/** Formats rows as an aligned markdown table (readable in a terminal too). */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

const label = (id: string): string => CONTENDER_LABELS[id as ContenderId] ?? id;
const ms = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const ratio = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(3)}x` : 'n/a');
const signedMs = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(3)} ms`;
const kib = (x: number): string => `${(x / 1024).toFixed(1)} KiB`;

function throughputTable(results: readonly ThroughputResult[]): string {
  const sdk = results.find(r => r.id === 'openai-sdk');
  const floor = results.find(r => r.id === 'fetch');
  const vs = (r: ThroughputResult, base: ThroughputResult | undefined, key: RoundKey): string =>
    ratio(base === undefined ? Number.NaN : pairedRatio(r[key], base[key]));
  return table(
    [
      'contender',
      'req/s',
      'p50 ms',
      'p99 ms',
      'req/s vs SDK',
      'p50 vs SDK',
      'req/s vs floor',
      'p50 vs floor',
      'client CPU µs/req',
      'CPU vs SDK',
      'rounds req/s (min-max)',
    ],
    results.map(r => [
      label(r.id),
      r.rps.toFixed(0),
      ms(r.p50Ms),
      ms(r.p99Ms),
      vs(r, sdk, 'roundRps'),
      vs(r, sdk, 'roundP50Ms'),
      vs(r, floor, 'roundRps'),
      vs(r, floor, 'roundP50Ms'),
      r.cpuUsPerRequest.toFixed(0),
      vs(r, sdk, 'roundCpuUs'),
      `${Math.min(...r.roundRps).toFixed(0)}-${Math.max(...r.roundRps).toFixed(0)}`,
    ]),
  );
}

function overheadTable(results: readonly ThroughputResult[]): string {
  const sdk = results.find(r => r.id === 'openai-sdk');
  return table(
    [
      'contender',
      'calls/s',
      'µs/call p50',
      'µs/call p99',
      'calls/s vs SDK',
      'CPU µs/call',
      'CPU vs SDK',
    ],
    results.map(r => [
      label(r.id),
      r.rps.toFixed(0),
      (r.p50Ms * 1000).toFixed(1),
      (r.p99Ms * 1000).toFixed(1),
      ratio(sdk === undefined ? Number.NaN : pairedRatio(r.roundRps, sdk.roundRps)),
      r.cpuUsPerRequest.toFixed(1),
      ratio(sdk === undefined ? Number.NaN : pairedRatio(r.roundCpuUs, sdk.roundCpuUs)),
    ]),
  );
}

type RoundKey = 'roundRps' | 'roundP50Ms' | 'roundCpuUs';

/** The run's numbers as markdown sections (also what the console prints). */
export function resultsMarkdown(results: BenchResults): string {
  const out: string[] = [];
  const m = results.machine;
  out.push(
    `Taken ${results.date} on ${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB), Node ${m.node}, ${m.platform}${results.quick ? ' (BENCH_QUICK smoke run: numbers are not meaningful)' : ''}; ${results.durationSeconds.toFixed(0)} s. Load average (1/5/15 min) ${m.loadAverage.start.join(' / ')} at the start, ${m.loadAverage.end.join(' / ')} at the end.`,
    '',
    `Libraries: ${Object.entries(m.libraries)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
  );
  if (results.goals.length > 0) {
    out.push('', '### Goals', '');
    out.push(
      table(
        ['goal', 'result', 'detail'],
        results.goals.map(g => [g.goal, g.pass ? 'met' : 'MISSED', g.detail]),
      ),
    );
  }
  const cases: Array<[string, BenchResults['cases']['simple']]> = [
    ['1. Non-streaming text turn', results.cases.simple],
    ['2. Tool-calling turn (4 parallel calls, 20-message history)', results.cases.tools],
  ];
  for (const [title, c] of cases) {
    if (c === undefined) continue;
    out.push('', `### ${title}`, '');
    for (const run of c.runs) {
      out.push(
        `Concurrency ${run.concurrency} (${run.results[0]?.requests ?? 0} timed requests per contender; the emulator saw ${run.httpRequests} HTTP requests for ${run.calls} calls):`,
        '',
        throughputTable(run.results),
        '',
      );
    }
    if (c.overhead !== undefined) {
      out.push(
        `Library cost alone: every contender against the same canned \`fetch\` that returns the emulator's recorded answer at once (no socket, concurrency 1, ${c.overhead.results[0]?.requests ?? 0} calls each; answers ${c.overhead.sameAnswers ? 'identical' : 'DIFFERENT'}). The fetch row is the cost of building a \`Response\` and parsing it:`,
        '',
        overheadTable(c.overhead.results),
        '',
      );
    }
    out.push(
      'What reached the emulator (one verification call each):',
      '',
      table(
        ['contender', 'request', 'body bytes', 'HTTP/call', 'status', 'auth', 'same answer'],
        c.wire.map(w => [
          label(w.id),
          `${w.method} ${w.path}${Object.keys(w.query).length > 0 ? `?${new URLSearchParams(w.query)}` : ''}`,
          String(w.bodyBytes),
          String(w.httpRequestsPerCall),
          String(w.status),
          w.auth,
          w.sameAnswerAsFloor ? 'yes' : 'NO',
        ]),
      ),
    );
  }
  const s = results.cases.streaming;
  if (s !== undefined) {
    const sdk = s.find(r => r.id === 'openai-sdk');
    out.push('', '### 3. Streaming a long answer (concurrency 1)', '');
    out.push(
      table(
        [
          'contender',
          'streams',
          'TTFD p50 ms',
          'TTFD p99 ms',
          'TTFD p50 vs SDK',
          'total p50 ms',
          'total p99 ms',
          'total vs SDK',
          'body bytes',
          'HTTP/stream',
        ],
        s.map(r => [
          label(r.id),
          String(r.streams),
          ms(r.ttfdP50Ms),
          ms(r.ttfdP99Ms),
          sdk === undefined
            ? 'n/a'
            : signedMs(pairedDifference(r.roundTtfdP50Ms, sdk.roundTtfdP50Ms)),
          ms(r.totalP50Ms),
          ms(r.totalP99Ms),
          ratio(
            sdk === undefined ? Number.NaN : pairedRatio(r.roundTotalP50Ms, sdk.roundTotalP50Ms),
          ),
          String(r.bodyBytes),
          String(r.httpRequestsPerStream),
        ]),
      ),
    );
  }
  const t = results.cases.tokens;
  if (t !== undefined) {
    out.push(
      '',
      `### 4. Managed-identity token requests (token lifetime ${t.tokenLifetimeSeconds} s; refresh window opens ${t.effectiveRefreshMarginSeconds} s before expiry)`,
      '',
    );
    out.push(
      table(
        ['phase', 'token age s', 'concurrent calls', 'token requests', 'goal', 'failed calls'],
        t.phases.map(p => [
          p.phase,
          p.tokenAgeSeconds.toFixed(1),
          String(p.concurrentCalls),
          String(p.tokenRequests),
          String(p.expected),
          String(p.failedCalls),
        ]),
      ),
    );
  }
  const mem = results.cases.memory;
  if (mem !== undefined) {
    out.push(
      '',
      `### 5. Memory${mem.gcExposed ? ' (heap after global.gc())' : ' (no --expose-gc: noisy)'}`,
      '',
    );
    if (mem.growth.length > 0) {
      out.push(
        table(
          [
            'contender',
            'requests',
            'concurrency',
            'heap start',
            'heap end',
            'heap growth',
            'RSS growth',
            'heap slope B/request',
          ],
          mem.growth.map(g => [
            label(g.id),
            String(g.samples.at(-1)?.requests ?? 0),
            String(g.concurrency),
            kib(g.samples[0]?.heapUsedBytes ?? 0),
            kib(g.samples.at(-1)?.heapUsedBytes ?? 0),
            kib(g.heapGrowthBytes),
            kib(g.rssGrowthBytes),
            g.heapBytesPerRequest.toFixed(2),
          ]),
        ),
        '',
      );
    }
    out.push(
      `Per in-flight request (${mem.inFlight[0]?.inFlight ?? 0} requests held open by ${mem.inFlightLatencyMs} ms of emulator latency):`,
      '',
      table(
        ['contender', 'heap per request', 'RSS per request'],
        mem.inFlight.map(r => [label(r.id), kib(r.heapPerRequestBytes), kib(r.rssPerRequestBytes)]),
      ),
    );
  }
  const st = results.cases.startup;
  if (st !== undefined) {
    out.push('', '### 6. Start-up (fresh process, medians)', '');
    out.push(
      table(
        ['what', 'runs', 'import ms', 'mount ms', 'ready after process start ms'],
        st.map(r => [
          r.label,
          String(r.runs),
          r.importMs.toFixed(1),
          r.mountMs === undefined ? '' : r.mountMs.toFixed(2),
          r.readyMs.toFixed(1),
        ]),
      ),
    );
  }
  const sz = results.cases.sizes;
  if (sz !== undefined) {
    out.push(
      '',
      '### 6. Installed size (npm install of the packed tarball into an empty project)',
      '',
    );
    out.push(
      table(
        ['what', 'packages', 'node_modules', 'tarball'],
        sz.map(r => [
          r.label,
          String(r.packages),
          kib(r.bytes),
          r.tarballBytes === undefined ? '' : kib(r.tarballBytes),
        ]),
      ),
    );
  }
  const bridge = results.cases.bridge;
  if (bridge !== undefined) {
    out.push('', '### 7. Python bridge overhead per call (concurrency 1, non-streaming)', '');
    if (bridge.skipped) out.push(`Skipped: ${bridge.reason}.`);
    else {
      out.push(
        table(
          [
            'turn',
            'calls',
            'Node p50 ms',
            'bridge p50 ms',
            'added p50 ms',
            'ratio',
            'Node p99 ms',
            'bridge p99 ms',
            'Python CPU µs/call',
          ],
          bridge.results.map(r => [
            r.scenario === 'simple' ? 'text turn' : 'tool turn',
            String(r.calls),
            r.nodeP50Ms.toFixed(3),
            r.bridgeP50Ms.toFixed(3),
            `${r.addedP50Ms >= 0 ? '+' : ''}${r.addedP50Ms.toFixed(3)}`,
            `${r.p50Ratio.toFixed(2)}x`,
            r.nodeP99Ms.toFixed(3),
            r.bridgeP99Ms.toFixed(3),
            r.pythonCpuUsPerCall.toFixed(0),
          ]),
        ),
      );
    }
  }
  if (results.errors.length > 0) {
    out.push('', '### Cases that failed', '');
    for (const e of results.errors) out.push(`- ${e.case}: ${e.message}`);
  }
  return out.join('\n');
}

/** The whole `results/latest.md` file. */
export function reportFileHeader(results: BenchResults, markdown: string): string {
  return `# Benchmark results${results.quick ? ' (smoke run)' : ''}\n\nGenerated by \`pnpm bench\` (see bench/README.md for how to read it).\n\n${markdown}\n`;
}

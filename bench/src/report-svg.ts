import { CONTENDER_IDS, type ContenderId } from './contenders.js';
import type { BenchResults } from './results.js';

const COLORS: Record<ContenderId, string> = {
  fetch: '#9aa0a6',
  'openai-sdk': '#1a73e8',
  provider: '#0f9d58',
  'ai-sdk': '#f29900',
  langchain: '#a142f4',
};

const SHORT: Record<ContenderId, string> = {
  fetch: 'fetch floor',
  'openai-sdk': 'openai SDK',
  provider: 'provider',
  'ai-sdk': '@ai-sdk/azure',
  langchain: 'LangChain',
};

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Bar {
  id: ContenderId;
  value: number;
  /** Optional second value drawn as a tick (p99). */
  tick?: number | undefined;
}

interface Panel {
  title: string;
  unit: string;
  bars: Bar[];
}

const PANEL_WIDTH = 500;
const LABEL_WIDTH = 150;
const BAR_HEIGHT = 16;
const BAR_GAP = 5;

function panel(p: Panel, x: number, y: number): string {
  // p99 ticks may run far past the p50 bars: the scale stops at 3x the largest bar, and longer
  // ticks end at the edge with an arrow (the value is printed).
  const maxBar = Math.max(...p.bars.map(b => b.value), 1e-9);
  const maxTick = Math.max(...p.bars.map(b => b.tick ?? 0));
  const max = Math.max(maxBar, Math.min(maxTick, 3 * maxBar));
  const plot = PANEL_WIDTH - LABEL_WIDTH - 90;
  const parts = [`<text x="${x}" y="${y}" class="t">${escapeXml(p.title)}</text>`];
  p.bars.forEach((b, i) => {
    const by = y + 10 + i * (BAR_HEIGHT + BAR_GAP);
    const w = Math.max(1, (b.value / max) * plot);
    parts.push(
      `<text x="${x + LABEL_WIDTH - 6}" y="${by + 12}" class="l">${escapeXml(SHORT[b.id])}</text>`,
      `<rect x="${x + LABEL_WIDTH}" y="${by}" width="${w.toFixed(1)}" height="${BAR_HEIGHT}" fill="${COLORS[b.id]}"/>`,
    );
    let end = w;
    if (b.tick !== undefined && Number.isFinite(b.tick)) {
      const clipped = b.tick > max;
      const tx = (Math.min(b.tick, max) / max) * plot;
      parts.push(
        `<line x1="${(x + LABEL_WIDTH + w).toFixed(1)}" x2="${(x + LABEL_WIDTH + tx).toFixed(1)}" y1="${by + BAR_HEIGHT / 2}" y2="${by + BAR_HEIGHT / 2}" stroke="${COLORS[b.id]}" stroke-dasharray="3 2"/>`,
        clipped
          ? `<path d="M${(x + LABEL_WIDTH + tx - 5).toFixed(1)} ${by + 3} L${(x + LABEL_WIDTH + tx).toFixed(1)} ${by + BAR_HEIGHT / 2} L${(x + LABEL_WIDTH + tx - 5).toFixed(1)} ${by + BAR_HEIGHT - 3}" fill="none" stroke="${COLORS[b.id]}" stroke-width="2"/>`
          : `<line x1="${(x + LABEL_WIDTH + tx).toFixed(1)}" x2="${(x + LABEL_WIDTH + tx).toFixed(1)}" y1="${by + 2}" y2="${by + BAR_HEIGHT - 2}" stroke="${COLORS[b.id]}" stroke-width="2"/>`,
      );
      end = Math.max(w, tx);
    }
    const text =
      b.tick === undefined
        ? `${format(b.value)} ${p.unit}`
        : `${format(b.value)} / ${format(b.tick)} ${p.unit}`;
    parts.push(
      `<text x="${(x + LABEL_WIDTH + end + 4).toFixed(1)}" y="${by + 12}" class="v">${text}</text>`,
    );
  });
  return parts.join('\n');
}

function format(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

function order<T extends { id: string }>(items: readonly T[]): T[] {
  return CONTENDER_IDS.map(id => items.find(i => i.id === id)).filter(
    (i): i is T => i !== undefined,
  );
}

/** A dependency-free SVG: throughput and latency (p50 bar, p99 tick) per contender and case. */
export function resultsSvg(results: BenchResults): string {
  const rows: Array<[Panel, Panel]> = [];
  const cases: Array<[string, BenchResults['cases']['simple']]> = [
    ['Case 1 text turn', results.cases.simple],
    ['Case 2 tool turn', results.cases.tools],
  ];
  for (const [name, c] of cases) {
    for (const run of c?.runs ?? []) {
      const rs = order(run.results);
      rows.push([
        {
          title: `${name}, concurrency ${run.concurrency}: throughput (req/s, higher is better)`,
          unit: 'req/s',
          bars: rs.map(r => ({ id: r.id as ContenderId, value: r.rps })),
        },
        {
          title: `${name}, concurrency ${run.concurrency}: latency p50 / p99 (ms, lower is better)`,
          unit: 'ms',
          bars: rs.map(r => ({ id: r.id as ContenderId, value: r.p50Ms, tick: r.p99Ms })),
        },
      ]);
    }
  }
  const o1 = results.cases.simple?.overhead;
  const o2 = results.cases.tools?.overhead;
  if (o1 !== undefined && o2 !== undefined) {
    const us = (rs: readonly { id: string; p50Ms: number; p99Ms: number }[]): Bar[] =>
      order(rs).map(r => ({ id: r.id as ContenderId, value: r.p50Ms * 1000 }));
    rows.push([
      {
        title: 'No network (canned fetch): text turn, µs per call p50 (library CPU)',
        unit: 'µs',
        bars: us(o1.results),
      },
      {
        title: 'No network (canned fetch): tool turn, µs per call p50 (library CPU)',
        unit: 'µs',
        bars: us(o2.results),
      },
    ]);
  }
  const s = results.cases.streaming;
  if (s !== undefined) {
    const rs = order(s);
    rows.push([
      {
        title: 'Case 3 streaming: time to first text delta p50 / p99 (ms)',
        unit: 'ms',
        bars: rs.map(r => ({ id: r.id, value: r.ttfdP50Ms, tick: r.ttfdP99Ms })),
      },
      {
        title: 'Case 3 streaming: total time p50 / p99 (ms)',
        unit: 'ms',
        bars: rs.map(r => ({ id: r.id, value: r.totalP50Ms, tick: r.totalP99Ms })),
      },
    ]);
  }
  const rowHeight = 20 + CONTENDER_IDS.length * (BAR_HEIGHT + BAR_GAP) + 24;
  const top = 56;
  const width = PANEL_WIDTH * 2 + 40;
  const height = top + rows.length * rowHeight + 10;
  const m = results.machine;
  const body = rows
    .map(([left, right], i) => {
      const y = top + i * rowHeight;
      return `${panel(left, 10, y)}\n${panel(right, PANEL_WIDTH + 30, y)}`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif">
<style>.h{font-size:15px;font-weight:600}.s{font-size:11px;fill:#555}.t{font-size:12px;font-weight:600}.l{font-size:11px;text-anchor:end}.v{font-size:10px;fill:#333}</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="22" class="h">Azure OpenAI provider benchmark: this provider vs fetch, the openai SDK, @ai-sdk/azure and LangChain</text>
<text x="10" y="40" class="s">${escapeXml(`${results.date} · ${m.cpu} (${m.cores} cores) · Node ${m.node} · emulator in its own process, zero added latency${results.quick ? ' · QUICK SMOKE RUN' : ''}`)}</text>
${body}
</svg>
`;
}

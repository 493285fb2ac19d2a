/**
 * The whole `pnpm bench` pipeline, quickly, through the real stack: the emulator in its own
 * process, the real openai SDK, @ai-sdk/azure, LangChain and the provider over loopback, and the
 * report files. Numbers are not asserted (speed is measured by the bench, never in tests); what
 * is asserted is that every contender made the same request and got the same answer.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENDER_IDS } from '../src/contenders.js';
import type { BenchResults } from '../src/results.js';

/** python3 with pydantic 2 (the bridge's test stand-in needs it when amplifier_core is absent). */
const PYTHON_READY =
  spawnSync('python3', [
    '-c',
    'import pydantic, sys; sys.exit(0 if pydantic.VERSION >= "2" else 1)',
  ]).status === 0;
const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
let dir: string;
let results: BenchResults;
let output: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bench-quick-'));
  const run = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'src/run-bench.ts'],
    {
      cwd: BENCH_DIR,
      env: { ...process.env, BENCH_QUICK: '1', BENCH_CASES: '1,2,3,7', BENCH_RESULTS_DIR: dir },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 240_000,
    },
  );
  output = run.stdout;
  results = JSON.parse(await readFile(path.join(dir, 'quick.json'), 'utf8')) as BenchResults;
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pnpm bench (quick run of cases 1-3)', () => {
  it('ran without errors and wrote the JSON, markdown and SVG reports', async () => {
    expect(results.errors).toEqual([]);
    expect(results.quick).toBe(true);
    const markdown = await readFile(path.join(dir, 'quick.md'), 'utf8');
    expect(markdown).toContain('### Goals');
    expect(markdown).toContain('req/s vs SDK');
    const svg = await readFile(path.join(dir, 'quick.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    for (const label of ['openai SDK', 'provider', '@ai-sdk/azure', 'LangChain']) {
      expect(svg).toContain(`>${label}</text>`);
    }
    expect(output).toContain('What reached the emulator');
  });

  it('every contender sent one HTTP request per call and got the floor answer', () => {
    for (const c of [results.cases.simple, results.cases.tools]) {
      expect(c?.wire.map(w => w.id)).toEqual([...CONTENDER_IDS]);
      for (const w of c?.wire ?? []) {
        expect({ id: w.id, status: w.status, http: w.httpRequestsPerCall }).toEqual({
          id: w.id,
          status: 200,
          http: 1,
        });
        expect(w.sameAnswerAsFloor).toBe(true);
      }
      for (const run of c?.runs ?? []) expect(run.httpRequests).toBe(run.calls);
      expect(c?.overhead?.sameAnswers).toBe(true);
    }
    // The tool turn's answer really is four parallel calls.
    expect(results.cases.tools?.wire[0]?.answer.toolCalls).toHaveLength(4);
  });

  it('the provider sent byte for byte what the raw SDK and the floor sent', () => {
    const bytes = (id: string) => results.cases.simple?.wire.find(w => w.id === id)?.bodyBytes;
    expect(bytes('provider')).toBe(bytes('openai-sdk'));
    expect(bytes('provider')).toBe(bytes('fetch'));
  });

  it('streamed with every contender, one HTTP request per stream, and checked the goals', () => {
    expect(results.cases.streaming?.map(s => s.id)).toEqual([...CONTENDER_IDS]);
    for (const s of results.cases.streaming ?? []) expect(s.httpRequestsPerStream).toBe(1);
    expect(results.goals.length).toBeGreaterThanOrEqual(6);
  });

  it.skipIf(!PYTHON_READY)(
    'measured the Python bridge against the Node provider alone (case 7)',
    async () => {
      const bridge = results.cases.bridge;
      expect(bridge?.skipped, JSON.stringify(bridge)).toBe(false);
      if (bridge === undefined || bridge.skipped) return;
      expect(bridge.results.map(r => r.scenario)).toEqual(['simple', 'tools']);
      for (const r of bridge.results) {
        expect(r.calls).toBe(30);
        expect(r.bridgeP50Ms).toBeGreaterThan(0);
        expect(r.nodeP50Ms).toBeGreaterThan(0);
      }
      const markdown = await readFile(path.join(dir, 'quick.md'), 'utf8');
      expect(markdown).toContain('### 7. Python bridge overhead per call');
      expect(results.goals.map(g => g.goal)).toContain(
        'the Python bridge adds under 1 ms per call (p50, loopback), text turn',
      );
    },
  );
});

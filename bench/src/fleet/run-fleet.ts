/**
 * `pnpm bench:fleet`: N worker processes (N = 1, 4, 16) share two deployments with small quotas
 * on one emulator that enforces them like Azure. For each client (the raw openai SDK with its
 * retries, this provider with per-process state, this provider with Redis) it measures goodput
 * (successful tokens as a share of the combined quota), 429s per 1,000 calls, p50/p99 latency and
 * fairness across workers. Windows are 10 s instead of Azure's 60 s to keep runs short.
 *
 * Env: FLEET_SIZES=1,4,16  FLEET_MODES=openai-sdk,provider-local,provider-redis
 *      FLEET_WINDOW_SECONDS=10  FLEET_WINDOWS=2 (measured windows after a warm-up window)
 *      FLEET_RESULTS_DIR=bench/results
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedisServer } from '@amplifier-azure-openai/test-utils';
import { type FleetRunResult, summarizeRun } from './fleet-metrics.js';
import type { FleetCall, FleetMode, FleetReply, FleetWorkerSetup } from './fleet-protocol.js';

// Workers wait up to a window for budget between calls: keep idle keep-alive sockets open.
const originalCreateServer = http.createServer;
http.createServer = ((...args: Parameters<typeof http.createServer>) => {
  const server = originalCreateServer(...args);
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  return server;
}) as typeof http.createServer;
syncBuiltinESMExports();
const { startEmulator, estimateRequestTokens } = await import('@amplifier-azure-openai/emulator');

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH_DIR = join(HERE, '..', '..');
const WORKER = join(HERE, 'fleet-worker.ts');
const list = (raw: string | undefined, fallback: string) =>
  (raw ?? fallback)
    .split(',')
    .map(item => item.trim())
    .filter(Boolean);
const SIZES = list(process.env.FLEET_SIZES, '1,4,16').map(Number);
const MODES = list(
  process.env.FLEET_MODES,
  'openai-sdk,provider-local,provider-redis',
) as FleetMode[];
const WINDOW_SECONDS = Number(process.env.FLEET_WINDOW_SECONDS ?? 10);
const MEASURED_WINDOWS = Number(process.env.FLEET_WINDOWS ?? 2);
const RESULTS_DIR = process.env.FLEET_RESULTS_DIR ?? join(BENCH_DIR, 'results');
const DEPLOYMENTS = ['fleet-a', 'fleet-b'];
/** 400 characters (100 tokens) + 100 output tokens = 200 tokens per request. */
const PROMPT_CHARS = 400;
const MAX_OUTPUT_TOKENS = 100;
/** Per deployment and window: 10 requests of 200 tokens. */
const TOKENS_PER_WINDOW = 2000;

async function runOnce(
  mode: FleetMode,
  workers: number,
  redisUrl: string,
): Promise<FleetRunResult> {
  const windowMs = WINDOW_SECONDS * 1000;
  const emulator = await startEmulator({
    port: 0,
    maxRecordedRequests: 1_000_000,
    contentFilters: false,
    deployments: Object.fromEntries(DEPLOYMENTS.map(name => [name, { model: 'gpt-4o-mini' }])),
    quotas: Object.fromEntries(
      DEPLOYMENTS.map(name => [name, { tpm: TOKENS_PER_WINDOW, windowMs }]),
    ),
  });
  const children: ChildProcess[] = [];
  try {
    const results = new Map<number, FleetCall[]>();
    const ready: Promise<void>[] = [];
    const done: Promise<void>[] = [];
    for (let index = 0; index < workers; index++) {
      const setup: FleetWorkerSetup = {
        mode,
        index,
        endpoint: emulator.url,
        apiKey: emulator.apiKey,
        redisUrl,
        deployments: DEPLOYMENTS,
        tokensPerWindow: TOKENS_PER_WINDOW,
        windowSeconds: WINDOW_SECONDS,
        promptChars: PROMPT_CHARS,
        maxOutputTokens: MAX_OUTPUT_TOKENS,
      };
      const child = fork(WORKER, [JSON.stringify(setup)], {
        execArgv: ['--import', 'tsx'],
        cwd: BENCH_DIR,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      children.push(child);
      ready.push(
        new Promise((resolve, reject) => {
          child.once('exit', code => reject(new Error(`worker ${index} exited (${code})`)));
          child.on('message', (message: FleetReply) => {
            if (message.type === 'ready') resolve();
          });
        }),
      );
      done.push(
        new Promise(resolve => {
          child.on('message', (message: FleetReply) => {
            if (message.type === 'result') {
              results.set(message.index, message.calls);
              resolve();
            }
          });
        }),
      );
    }
    await Promise.all(ready);
    const startAt = Date.now() + 500;
    const endAt = startAt + (MEASURED_WINDOWS + 1) * windowMs;
    for (const child of children) child.send({ type: 'go', startAt, endAt });
    await Promise.all(done);
    const accepted = emulator.recorder.requests
      .filter(request => request.status === 200)
      .map(request => ({
        timestamp: request.timestamp,
        tokens: estimateRequestTokens(request.body as Record<string, unknown>),
      }));
    return summarizeRun({
      mode,
      perWorker: Array.from({ length: workers }, (_, index) => results.get(index) ?? []),
      accepted,
      measureFrom: startAt + windowMs,
      measureTo: endAt,
      windowMs,
      combinedTokensPerWindow: TOKENS_PER_WINDOW * DEPLOYMENTS.length,
    });
  } finally {
    for (const child of children) if (child.connected) child.disconnect();
    await emulator.close();
  }
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

function table(results: readonly FleetRunResult[]): string {
  const rows = results.map(
    r =>
      `| ${r.mode} | ${r.workers} | ${percent(r.goodput)} | ${r.throttledPer1000.toFixed(0)} | ${percent(r.callsMeeting429)} | ${r.p50Ms.toFixed(0)} | ${r.p99Ms.toFixed(0)} | ${r.workers === 1 ? '-' : r.fairness.toFixed(2)} | ${r.succeeded} / ${r.calls} |`,
  );
  return [
    '| client | workers | goodput (share of quota) | 429s per 1,000 calls | calls meeting a 429 | p50 ms | p99 ms | fairness (Jain) | calls ok / all |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

const started = new Date();
const load = loadavg()[0]?.toFixed(2);
const redis = MODES.includes('provider-redis') ? await startRedisServer() : undefined;
const results: FleetRunResult[] = [];
try {
  for (const workers of SIZES) {
    for (const mode of MODES) {
      if (redis !== undefined) await redis.restart(); // an empty Redis for every run
      const result = await runOnce(mode, workers, redis?.url ?? '');
      results.push(result);
      process.stdout.write(
        `${mode.padEnd(15)} N=${String(workers).padStart(2)}  goodput ${percent(result.goodput).padStart(7)}  429/1000 ${result.throttledPer1000.toFixed(0).padStart(5)}  p50 ${result.p50Ms.toFixed(0)} ms  p99 ${result.p99Ms.toFixed(0)} ms  fairness ${result.fairness.toFixed(2)}\n`,
      );
    }
  }
} finally {
  await redis?.stop();
}

const goals = results
  .filter(result => result.mode === 'provider-redis')
  .map(result => ({
    workers: result.workers,
    goodputMet: result.goodput >= 0.9,
    throttleMet: result.callsMeeting429 < 0.01,
  }));
const setupLine = `${DEPLOYMENTS.length} deployments x ${TOKENS_PER_WINDOW} tokens per ${WINDOW_SECONDS} s window (Azure's window is 60 s; the bench shortens it), 200-token requests (400 characters + max_output_tokens 100), ${MEASURED_WINDOWS} measured windows after a warm-up window, one call at a time per worker`;
const markdown = [
  `# Fleet benchmark (${started.toISOString()})`,
  '',
  `Setup: ${setupLine}. Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${load} at start.`,
  '',
  table(results),
  '',
  `Goal (provider with Redis: goodput >= 90 %, < 1 % of calls meeting a 429, at every N): ${
    goals.length === 0
      ? 'not run'
      : goals
          .map(
            goal =>
              `N=${goal.workers} ${goal.goodputMet && goal.throttleMet ? 'met' : `missed (${goal.goodputMet ? '' : 'goodput'}${!goal.goodputMet && !goal.throttleMet ? ', ' : ''}${goal.throttleMet ? '' : '429s'})`}`,
          )
          .join('; ')
  }.`,
  '',
].join('\n');
mkdirSync(RESULTS_DIR, { recursive: true });
const quick = process.env.FLEET_SIZES !== undefined || process.env.FLEET_MODES !== undefined;
const base = quick ? 'fleet-quick' : 'fleet';
writeFileSync(
  join(RESULTS_DIR, `${base}.json`),
  `${JSON.stringify({ started: started.toISOString(), setup: setupLine, results }, null, 2)}\n`,
);
writeFileSync(join(RESULTS_DIR, `${base}.md`), markdown);
if (!quick) {
  const readme = join(BENCH_DIR, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- fleet-results:start -->';
  const end = '<!-- fleet-results:end -->';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) {
    writeFileSync(
      readme,
      `${text.slice(0, from + start.length)}\n${markdown.split('\n').slice(2).join('\n')}\n${text.slice(to)}`,
    );
  }
}
process.stdout.write(`\n${markdown}`);

/**
 * The long soak run: `SOAK_REQUESTS` (default 10000) chat requests at `SOAK_CONCURRENCY`
 * (default 50) against the emulator with `SOAK_FAULT_RATE` (default 0.1) of the HTTP attempts
 * faulted. Prints the counts as tables and exits non-zero on any violation, leaked resource or
 * unhandled rejection. `SOAK_SEED` replays a fault schedule. Run with `pnpm test:soak`.
 */
import { activeResourceCounts, settleResources } from './harness/active-resources.js';
import { formatLoadReport } from './harness/format-load-report.js';
import { runLoad } from './harness/run-load.js';

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`soak: ${name} must be a non-negative number, got ${JSON.stringify(raw)}.`);
    process.exit(2);
  }
  return value;
}

const requests = numberFromEnv('SOAK_REQUESTS', 10_000);
const concurrency = numberFromEnv('SOAK_CONCURRENCY', 50);
const faultRate = numberFromEnv('SOAK_FAULT_RATE', 0.1);
const seed = numberFromEnv('SOAK_SEED', 9);

const before = activeResourceCounts();
console.log(
  `soak: ${requests} requests, concurrency ${concurrency}, fault rate ${faultRate}, seed ${seed}`,
);
const report = await runLoad({
  requests,
  concurrency,
  faultRate,
  seed,
  onProgress: (done, total) => console.log(`soak: ${done}/${total}`),
});
const leaked = await settleResources(before);
console.log(formatLoadReport(report, leaked));
const failed = report.violations.length > 0 || Object.keys(leaked).length > 0;
if (report.violations.length > 0) {
  console.error(`soak: FAILED: ${report.violations.length} violations, first 20:`);
  for (const violation of report.violations.slice(0, 20)) console.error(`  ${violation}`);
}
if (Object.keys(leaked).length > 0) {
  console.error(`soak: FAILED: resources still open after closing: ${JSON.stringify(leaked)}`);
}
if (failed) process.exitCode = 1;
else console.log('soak: PASSED');
// The process must exit by itself now; if anything still holds it open, say so and fail.
setTimeout(() => {
  console.error(
    `soak: FAILED: the process did not exit 5 s after closing; open: ${process.getActiveResourcesInfo().join(', ')}`,
  );
  process.exit(1);
}, 5000).unref();

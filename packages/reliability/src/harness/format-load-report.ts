import { INJECTED_FAULT_KINDS } from './fault-schedule.js';
import { formatTable } from './format-table.js';
import { type LoadReport, SCENARIOS } from './run-load.js';

/** The counts of a load run as plain-text tables (also used for `SOAK.md`). */
export function formatLoadReport(report: LoadReport, leaked: Record<string, number> = {}): string {
  const failed = Object.values(report.errors).reduce((sum, count) => sum + count, 0);
  const summary = formatTable([
    ['figure', 'value'],
    ['requests', report.requests],
    ['concurrency', report.concurrency],
    ['fault rate (per HTTP attempt)', report.faultRate],
    ['max_retries', report.maxRetries],
    ['duration (s)', (report.durationMs / 1000).toFixed(1)],
    ['correct answers', report.ok],
    ['typed errors', failed],
    ['HTTP attempts', report.attempts],
    ['most attempts for one request', report.maxAttemptsPerRequest],
    ['provider:retry events', report.retryEvents],
    ['provider:failover events', report.failoverEvents],
    ['provider:throttle events', report.throttleEvents],
    ['tool calls checked against the wire', report.toolCallsChecked],
    ['unhandled rejections', report.unhandled],
    ['violations', report.violations.length],
    [
      'resources left after close',
      Object.keys(leaked).length === 0 ? 'none' : JSON.stringify(leaked),
    ],
  ]);
  const faults = formatTable([
    ['injected fault', 'attempts'],
    ...INJECTED_FAULT_KINDS.map(kind => [kind, report.faults[kind]] as const),
  ]);
  const errors = formatTable([
    ['error (typed)', 'requests'],
    ...Object.entries(report.errors).sort(([a], [b]) => a.localeCompare(b)),
  ]);
  const scenarios = formatTable([
    ['scenario', 'ok', 'failed'],
    ...SCENARIOS.map(s => [s, report.scenarios[s].ok, report.scenarios[s].failed] as const),
  ]);
  return [summary, faults, errors, scenarios].join('\n\n');
}

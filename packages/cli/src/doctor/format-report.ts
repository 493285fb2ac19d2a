import { plural } from '../output.js';
import type { CheckResult, CheckStatus } from './check-result.js';

const LABELS: Readonly<Record<CheckStatus, string>> = {
  pass: 'pass',
  warn: 'WARN',
  fail: 'FAIL',
  skip: 'skip',
};

/** One check as report lines: `  pass  name  summary` and, for warn/fail, `        fix: ...`. */
export function formatCheck(result: CheckResult): string {
  const lines = [`  ${LABELS[result.status]}  ${result.name}: ${result.summary}`];
  if (result.fix !== undefined && (result.status === 'warn' || result.status === 'fail')) {
    lines.push(`        fix: ${result.fix.replace(/\s*\n\s*/g, ' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The closing line: `3 passed, 1 warning, 1 failed`. */
export function formatSummary(results: readonly CheckResult[]): string {
  const count = (status: CheckStatus) => results.filter(r => r.status === status).length;
  const parts = [
    `${count('pass')} passed`,
    plural(count('warn'), 'warning'),
    `${count('fail')} failed`,
  ];
  if (count('skip') > 0) parts.push(`${count('skip')} skipped`);
  return `\n${parts.join(', ')}\n`;
}

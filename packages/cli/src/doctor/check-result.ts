import type { ExitCode } from '../exit-codes.js';

/** How a doctor check went: `skip` when an earlier failure made it pointless. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** One line of the doctor report. */
export interface CheckResult {
  /** Short name of what was checked (`config`, `endpoint`, `deployment gpt-5 -> prod`). */
  name: string;
  /** The verdict. */
  status: CheckStatus;
  /** What was found, one line. Never a secret. */
  summary: string;
  /** What to do about a warning or failure. */
  fix?: string | undefined;
  /** For failures: the exit code of the error category (config 2, auth 3, deployment 4). */
  exitCode?: ExitCode | undefined;
}

/** Reads `fix` from a typed error of any package, when it has one. */
export function errorFix(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null) {
    const fix = (error as { fix?: unknown }).fix;
    if (typeof fix === 'string' && fix !== '') return fix;
  }
  return undefined;
}

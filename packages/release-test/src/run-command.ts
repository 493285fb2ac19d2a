import { spawnSync } from 'node:child_process';

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  /** Working directory. */
  cwd: string;
  /** The whole environment of the child (nothing is inherited). */
  env: NodeJS.ProcessEnv;
  /** Kill the child after this many milliseconds (default 10 minutes). */
  timeoutMs?: number;
}

/** What a finished command printed. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/**
 * Runs `command args...` to completion and returns its output; throws an error holding the
 * command, exit status and output when it fails, so a failing release step says what went wrong.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions,
): CommandOutput {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = { stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  if (result.error !== undefined || result.status !== 0) {
    const reason = result.error?.message ?? `exit status ${result.status ?? result.signal}`;
    throw new Error(
      `\`${command} ${args.join(' ')}\` in ${options.cwd} failed (${reason}).\n--- stdout\n${output.stdout.slice(-4000)}\n--- stderr\n${output.stderr.slice(-4000)}`,
    );
  }
  return output;
}

/**
 * The environment for package-manager commands: this process's environment without any
 * `npm_config_*` / `pnpm_config_*` settings (which `pnpm run` passes down and which could point
 * at another registry), plus `extra`.
 */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm)_config_/i.test(key) || /^npm_(lifecycle|package)_/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

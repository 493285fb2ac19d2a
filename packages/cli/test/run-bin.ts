import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI (tests run it as a child process, the way users do). */
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** The result of one CLI run. */
export interface BinResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment variables a child never inherits (so the developer's Azure set-up cannot leak in). */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(AZURE_|IDENTITY_|MSI_|AMPLIFIER_AZURE)/.test(key)) continue;
    env[key] = value;
  }
  env.NO_COLOR = '1';
  return env;
}

/** Spawns `node dist/bin.js ...args` with `env` added to a clean environment. */
export function spawnBin(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd?: string,
): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    env: { ...baseEnv(), ...env },
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a child's output and exit. */
export function collect(child: ChildProcess): Promise<BinResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs the CLI to completion. */
export function runBin(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<BinResult> {
  return collect(spawnBin(args, env, cwd));
}

/** Resolves with the accumulated stdout once it matches `pattern`. */
export function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (pattern.test(text)) {
        child.stdout?.off('data', onData);
        resolve(text);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', code =>
      reject(new Error(`exited with ${code} before output matched; got: ${text}`)),
    );
  });
}

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

/**
 * Spawns `node dist/bin.js ...args` with `env` added to a clean environment; stdin is closed
 * unless `stdin` is `'pipe'` (write to `child.stdin`).
 */
export function spawnBin(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd?: string,
  stdin: 'ignore' | 'pipe' = 'ignore',
): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    env: { ...baseEnv(), ...env },
    cwd,
    stdio: [stdin, 'pipe', 'pipe'],
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

/** Environment variables holding secrets: their values must never appear in any output. */
const SECRET_VARS = ['AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_AD_TOKEN', 'IDENTITY_HEADER'];

/** Throws when a secret passed in `env` appears in the run's stdout or stderr. */
export function assertNoEnvSecrets(result: BinResult, env: Record<string, string>): void {
  for (const name of SECRET_VARS) {
    const value = env[name];
    if (value === undefined || value.length < 8) continue;
    if (result.stdout.includes(value) || result.stderr.includes(value)) {
      throw new Error(`the value of ${name} appeared in the CLI output`);
    }
  }
}

/** Runs the CLI to completion; fails when a secret from `env` appears in the output. */
export async function runBin(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<BinResult> {
  const result = await collect(spawnBin(args, env, cwd));
  assertNoEnvSecrets(result, env);
  return result;
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

import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextSink } from '../cli-io.js';

/** Where the example lives inside the repository's Python bridge. */
const EXAMPLE = join('bridges', 'python', 'examples', 'agent_turn.py');
const BUNDLE = join(
  'bridges',
  'python',
  'src',
  'amplifier_module_provider_azure_openai',
  '_node',
  'host.mjs',
);

/** Options of {@link runPythonBridgeTurn}. */
export interface PythonBridgeTurnOptions {
  /** The emulator (or resource) endpoint and its key, passed to Python in the environment. */
  endpoint: string;
  apiKey: string;
  /** Provider config merged in by the Python side (deployment mapping, default model). */
  config: Readonly<Record<string, unknown>>;
  /** The environment to search PATH in and to pass on. */
  env: Record<string, string | undefined>;
  /** Where the turn's lines go. */
  out: TextSink;
  /** Stops the turn (kills the Python process; its Node child exits with it). */
  signal?: AbortSignal | undefined;
  /** The repository root (default: found from this file's location). */
  repoRoot?: string | undefined;
}

/** What {@link runPythonBridgeTurn} did: ran, or why it skipped or failed (one line). */
export type PythonBridgeTurnResult = { ran: true } | { ran: false; reason: string };

function findOnPath(command: string, env: Record<string, string | undefined>): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The repository root above this module (the CLI runs from `packages/cli/dist` in a checkout). */
export function findRepoRoot(from: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = dirname(from);
  for (let depth = 0; depth < 6; depth += 1) {
    if (existsSync(join(dir, EXAMPLE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/**
 * Runs one agent turn through the Python bridge (`bridges/python/examples/agent_turn.py`: Python
 * -> the bundled Node host -> the endpoint), copying its lines (the events it re-emitted on the
 * coordinator's hooks, the tool call, the answer) to `out`. Skips, with the reason, when there is
 * no `python3` on PATH, no repository checkout beside the CLI, or the bundle is not built.
 */
export async function runPythonBridgeTurn(
  options: PythonBridgeTurnOptions,
): Promise<PythonBridgeTurnResult> {
  const root = options.repoRoot ?? findRepoRoot();
  if (root === undefined) {
    return { ran: false, reason: 'the Python bridge ships in the repository checkout only' };
  }
  if (!existsSync(join(root, BUNDLE))) {
    return { ran: false, reason: 'the bridge bundle is not built (run `pnpm build`)' };
  }
  const python = findOnPath('python3', options.env);
  if (python === undefined) return { ran: false, reason: 'no python3 on PATH' };

  const child = spawn(python, [join(root, EXAMPLE)], {
    env: {
      ...options.env,
      AZURE_OPENAI_ENDPOINT: options.endpoint,
      AZURE_OPENAI_API_KEY: options.apiKey,
      AZURE_OPENAI_BRIDGE_CONFIG: JSON.stringify(options.config),
      PYTHONUNBUFFERED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onAbort = () => child.kill('SIGTERM');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => options.out.write(chunk));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code === 0) return { ran: true };
    const last = stderr.trim().split('\n').at(-1) ?? '';
    return {
      ran: false,
      reason: `python3 exited with ${code === null ? 'a signal' : `code ${code}`}${last === '' ? '' : `: ${last}`}`,
    };
  } catch (error) {
    return { ran: false, reason: `python3 could not start: ${(error as Error).message}` };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

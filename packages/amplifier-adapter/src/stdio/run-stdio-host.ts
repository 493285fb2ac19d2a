import { LineSplitter } from './json-rpc.js';
import { createStdioHost, type StdioHostOptions } from './stdio-host.js';

/** Options of {@link runStdioHost} (tests; the defaults are the process's own streams). */
export interface RunStdioHostOptions {
  /** Where requests come from (default `process.stdin`). */
  input?: NodeJS.ReadableStream | undefined;
  /** Where answers and notifications go (default `process.stdout`). */
  output?: NodeJS.WritableStream | undefined;
  /** Environment for the provider configuration (default `process.env`). */
  env?: Record<string, string | undefined> | undefined;
  /** Extra provider options (tests). */
  provider?: StdioHostOptions['provider'];
  /** Called when the host is done: after `shutdown`, or when `input` ends (default `process.exit(0)`). */
  exit?: ((code: number) => void) | undefined;
}

/**
 * Runs the provider as a JSON-RPC 2.0 server on stdio (one message per line; see
 * `createStdioHost` for the methods). No port is opened. The host stops when its input ends (the
 * parent closed the pipe or died, even by SIGKILL) or after `shutdown`; it ignores SIGINT, so a
 * Ctrl-C in the parent's terminal reaches only the parent, which then cancels or shuts down.
 *
 * @example
 * ```ts
 * // host.mjs, spawned by the Python bridge: node host.mjs
 * import { runStdioHost } from 'amplifier-module-provider-azure-openai';
 * runStdioHost();
 * ```
 */
export function runStdioHost(options: RunStdioHostOptions = {}): void {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  // Lines written in the same event-loop turn (an event and the answer after it) go out in one
  // write: one wake-up of the parent instead of several.
  let queued: string[] = [];
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    if (queued.length === 0) return;
    const data = `${queued.join('\n')}\n`;
    queued = [];
    output.write(data);
  };
  let exiting = false;
  const done = () => {
    flush();
    exit(0);
  };
  const finish = () => {
    if (exiting) return;
    exiting = true;
    const timer = setTimeout(done, 2000);
    timer.unref?.();
    void host.close().finally(() => {
      clearTimeout(timer);
      done();
    });
  };
  const host = createStdioHost({
    write(line) {
      queued.push(line);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    },
    env: options.env,
    provider: options.provider,
    onShutdown: finish,
  });
  if (options.input === undefined) process.on('SIGINT', () => {});
  output.on('error', finish);
  const splitter = new LineSplitter();
  input.on('data', (chunk: Buffer | string) => {
    for (const line of splitter.push(chunk)) host.handleLine(line);
  });
  input.on('end', finish);
  input.on('close', finish);
  input.on('error', finish);
}

/** Something text can be written to (`process.stdout`, a test buffer). */
export interface TextSink {
  /** Writes a chunk of text as is (no newline added). */
  write(chunk: string): unknown;
}

/** Stops listening for a signal (returned by {@link CliIo.onSignal}). */
export type SignalDisposer = () => void;

/**
 * Everything the CLI touches outside itself, injectable for tests: output streams, environment,
 * working directory and process signals. `runCli` never reads `process.*` directly when these
 * are given.
 */
export interface CliIo {
  /** Normal output (answers, reports). */
  stdout: TextSink;
  /** Errors, warnings and `--verbose` debug lines. */
  stderr: TextSink;
  /** Environment variables (default `process.env`). */
  env?: Record<string, string | undefined> | undefined;
  /** Directory relative `--config`/`--tools` paths are resolved against (default `process.cwd()`). */
  cwd?: string | undefined;
  /** Where `chat -` reads its prompt (default `process.stdin`). */
  stdin?: AsyncIterable<string | Uint8Array> | undefined;
  /**
   * Calls `handler` on SIGINT/SIGTERM until the returned disposer runs (used by `serve` and to
   * cancel `chat`/`demo`). Default: `process.on('SIGINT' | 'SIGTERM')`.
   */
  onSignal?: ((handler: (signal: string) => void) => SignalDisposer) | undefined;
}

/** The default {@link CliIo.onSignal}: listens on the real process. */
export function processSignals(handler: (signal: string) => void): SignalDisposer {
  const listener = (signal: NodeJS.Signals) => handler(signal);
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}

/** Everything `stream` yields, as UTF-8 text (the prompt of `chat -`). */
export async function readAllText(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

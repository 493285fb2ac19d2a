import type { CommandContext } from './command-spec.js';

/**
 * An AbortSignal aborted on the first SIGINT/SIGTERM (the call in flight is cancelled at once).
 * Call `dispose` when the command is done.
 */
export function cancelOnSignal(io: CommandContext['io']): {
  signal: AbortSignal;
  dispose: () => void;
} {
  const controller = new AbortController();
  const dispose = io.onSignal(signal => controller.abort(new Error(`Interrupted by ${signal}`)));
  return { signal: controller.signal, dispose };
}

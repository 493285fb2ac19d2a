import { startEmulator } from './start-emulator.js';
import type { Emulator, EmulatorOptions } from './types.js';

/** The test-framework hooks `useEmulator` registers with (vitest's, passed in). */
export interface EmulatorTestHooks {
  beforeAll(fn: () => unknown): void;
  afterAll(fn: () => unknown): void;
  /** When given, the recorder is cleared and faults are reset to the configured ones before each test. */
  beforeEach?: ((fn: () => unknown) => void) | undefined;
}

/**
 * Starts an emulator in `beforeAll` and closes it in `afterAll`; returns a getter for it.
 * vitest stays a dev dependency of the caller: pass its hooks in.
 *
 * @example
 * ```ts
 * import { afterAll, beforeAll, beforeEach } from 'vitest';
 * const emulator = useEmulator({ beforeAll, afterAll, beforeEach });
 * it('answers', async () => { const { url, apiKey } = emulator(); ... });
 * ```
 */
export function useEmulator(
  hooks: EmulatorTestHooks,
  options: EmulatorOptions = {},
): () => Emulator {
  let current: Emulator | undefined;
  hooks.beforeAll(async () => {
    current = await startEmulator(options);
  });
  hooks.afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  hooks.beforeEach?.(() => {
    current?.recorder.clear();
    current?.resetFaults();
  });
  return () => {
    if (current === undefined) {
      throw new Error(
        'useEmulator: the emulator is not running; use it inside a test (after beforeAll ran).',
      );
    }
    return current;
  };
}

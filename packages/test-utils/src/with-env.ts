/** Environment variables to set (`string`) or remove (`undefined`) for the duration of a call. */
export type EnvPatch = Readonly<Record<string, string | undefined>>;

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs `fn` with `process.env` patched by `vars` (a value of `undefined` removes the variable),
 * then restores every touched variable exactly (including ones that did not exist), even when
 * `fn` throws or its promise rejects. Async functions are awaited before restoring.
 *
 * Not safe for tests running concurrently in the same worker (`process.env` is global).
 *
 * @example
 * ```ts
 * await withEnv({ AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_ENDPOINT: undefined }, async () => {
 *   expect(loadConfig().apiKey).toBeDefined();
 * });
 * ```
 */
export function withEnv<T>(vars: EnvPatch, fn: () => T): T {
  const saved = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(vars)) {
    saved.set(key, Object.hasOwn(process.env, key) ? process.env[key] : undefined);
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const restore = (): void => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  let result: T;
  try {
    result = fn();
  } catch (error) {
    restore();
    throw error;
  }
  if (isPromiseLike(result)) {
    return Promise.resolve(result).finally(restore) as T;
  }
  restore();
  return result;
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** File name of the project's own proto (the served subset of `amplifier.module`). */
export const PROTO_FILE_NAME = 'amplifier_provider.proto';

function moduleDirectory(): string {
  // tsup's `shims` provides import.meta.url in the CommonJS build as well.
  return path.dirname(fileURLToPath(import.meta.url));
}

/**
 * Absolute path of the shipped `proto/amplifier_provider.proto`, found by walking up from this
 * module's directory (`dist/` when built, `src/grpc/` when run from source), so it works from the
 * ESM and CJS builds and in tests.
 *
 * @throws Error naming the directories searched when the file is missing from the install.
 */
export function protoPath(): string {
  const searched: string[] = [];
  let dir = moduleDirectory();
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = path.join(dir, 'proto', PROTO_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    searched.push(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    `Cannot find ${PROTO_FILE_NAME} (looked at ${searched.join(', ')}). The package's proto/ directory is missing: reinstall amplifier-module-provider-azure-openai.`,
  );
}

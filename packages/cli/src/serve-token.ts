import { randomBytes } from 'node:crypto';
import { statSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { readBoundedFile } from '@amplifier-azure-openai/config';
import { UsageError } from './usage-error.js';

/** The environment variable `serve` reads its bearer token from. */
export const SERVE_TOKEN_ENV_VAR = 'AMPLIFIER_AZURE_OPENAI_SERVE_TOKEN';

/** Shortest token accepted from the environment or a file. */
const MIN_TOKEN_LENGTH = 16;
const MAX_TOKEN_LENGTH = 4096;

/** Where the token of `serve` came from. */
export interface ServeToken {
  /** The token (a secret: never printed). */
  token: string;
  /** `env` ({@link SERVE_TOKEN_ENV_VAR}), `file` (an existing --token-file), `generated`. */
  source: 'env' | 'file' | 'generated';
  /** The token file `serve` created (0600), removed by {@link ServeToken.dispose}. */
  createdFile?: string | undefined;
  /** Removes the token file `serve` created, if any. */
  dispose(): void;
}

function checkToken(token: string, where: string): string {
  const trimmed = token.trim();
  if (trimmed.length < MIN_TOKEN_LENGTH || trimmed.length > MAX_TOKEN_LENGTH) {
    throw new UsageError({
      message: `The serve token in ${where} must be ${MIN_TOKEN_LENGTH} to ${MAX_TOKEN_LENGTH} characters long (it has ${trimmed.length}; the value is not shown).`,
      command: 'serve',
    });
  }
  if (!/^[\x21-\x7e]+$/.test(trimmed)) {
    throw new UsageError({
      message: `The serve token in ${where} may only hold visible ASCII characters (no spaces or control characters; the value is not shown).`,
      command: 'serve',
    });
  }
  return trimmed;
}

/**
 * The bearer token `serve` requires on every call:
 * 1. {@link SERVE_TOKEN_ENV_VAR} when set;
 * 2. `--token-file FILE` when the file exists: its content (the file must be a regular file
 *    readable by its owner only, mode 0600 or stricter);
 * 3. otherwise a fresh random token (256 bits, base64url). With `--token-file FILE` naming a file
 *    that does not exist yet, it is written there with mode 0600 (created exclusively) and removed
 *    when `serve` stops; without `--token-file` it is known to this process only (Mount and Cleanup
 *    are then unusable, which suits hosts that never call them).
 *
 * The token is never printed.
 *
 * @throws {@link UsageError} (exit 2) for a bad token, an unsafe or unreadable file, or both
 *   sources at once.
 */
export function resolveServeToken(options: {
  env: Record<string, string | undefined>;
  tokenFile: string | undefined;
  cwd: string;
}): ServeToken {
  const fromEnv = options.env[SERVE_TOKEN_ENV_VAR];
  const noop = () => {};
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    if (options.tokenFile !== undefined) {
      throw new UsageError({
        message: `Give the serve token in ${SERVE_TOKEN_ENV_VAR} or with --token-file, not both.`,
        command: 'serve',
      });
    }
    return { token: checkToken(fromEnv, SERVE_TOKEN_ENV_VAR), source: 'env', dispose: noop };
  }
  if (options.tokenFile === undefined) {
    return { token: randomBytes(32).toString('base64url'), source: 'generated', dispose: noop };
  }
  const path = isAbsolute(options.tokenFile)
    ? options.tokenFile
    : resolve(options.cwd, options.tokenFile);
  const read = readBoundedFile(path, MAX_TOKEN_LENGTH + 2);
  if (read.ok) {
    const mode = statSync(path).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new UsageError({
        message: `--token-file ${options.tokenFile} can be read by other users (mode ${mode.toString(8)}). Run 'chmod 600 ${options.tokenFile}'.`,
        command: 'serve',
      });
    }
    return {
      token: checkToken(read.text, `--token-file ${options.tokenFile}`),
      source: 'file',
      dispose: noop,
    };
  }
  if (read.problem !== 'missing') {
    throw new UsageError({
      message: `--token-file ${options.tokenFile} cannot be used: ${read.message}.`,
      command: 'serve',
    });
  }
  const token = randomBytes(32).toString('base64url');
  try {
    writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UsageError({
      message: `--token-file ${options.tokenFile} cannot be created (${code}).`,
      command: 'serve',
    });
  }
  let removed = false;
  return {
    token,
    source: 'generated',
    createdFile: path,
    dispose() {
      if (removed) return;
      removed = true;
      try {
        unlinkSync(path);
      } catch {
        // Already gone.
      }
    },
  };
}

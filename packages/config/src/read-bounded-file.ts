import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** The largest file the CLI and `loadSettingsFile` read: 1 MiB. */
export const MAX_INPUT_FILE_BYTES = 1024 * 1024;

/** Why {@link readBoundedFile} did not return the file's text. */
export type BoundedFileProblem =
  /** The path does not exist. */
  | 'missing'
  /** A directory, FIFO, socket or device (`/dev/zero`): refused without reading. */
  | 'not-regular'
  /** Larger than the limit. */
  | 'too-large'
  /** Any other failure to open or read (permissions...). */
  | 'unreadable';

/** The outcome of {@link readBoundedFile}. */
export type BoundedFileResult =
  | { ok: true; text: string }
  | {
      ok: false;
      problem: BoundedFileProblem;
      /** One sentence for an error message, naming the kind of file or the limit; never its text. */
      message: string;
      /** The system error code, when one caused the failure. */
      code?: string | undefined;
      /** The system error, when one caused the failure. */
      cause?: unknown;
    };

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/**
 * Reads a UTF-8 text file that must be a regular file of at most `maxBytes` (default
 * {@link MAX_INPUT_FILE_BYTES}). A directory, FIFO, socket or device is refused after `fstat` on
 * the opened descriptor, before any byte is read (opened non-blocking, so a FIFO never blocks);
 * a file larger than the limit (or that grows past it while read) is refused too.
 *
 * @returns the text, or the problem and a message that never quotes the file.
 */
export function readBoundedFile(
  path: string,
  maxBytes: number = MAX_INPUT_FILE_BYTES,
): BoundedFileResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return { ok: false, problem: 'missing', message: 'it does not exist', code, cause: error };
    if (code === 'EISDIR') {
      return {
        ok: false,
        problem: 'not-regular',
        message: 'it is a directory, not a file',
        code,
        cause: error,
      };
    }
    return {
      ok: false,
      problem: 'unreadable',
      message: `it cannot be opened (${code ?? 'unknown error'})`,
      code,
      cause: error,
    };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      return {
        ok: false,
        problem: 'not-regular',
        message: `it is ${kindOf(stats)}, not a regular file`,
      };
    }
    const tooLarge: BoundedFileResult = {
      ok: false,
      problem: 'too-large',
      message: `it is larger than the ${formatBytes(maxBytes)} limit`,
    };
    if (stats.size > maxBytes) return tooLarge;
    let buffer = Buffer.alloc(Math.min(maxBytes + 1, stats.size + 4096));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        // The file grew while read: keep going up to one byte past the limit.
        const bigger = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes) return tooLarge;
    }
    return { ok: true, text: buffer.subarray(0, length).toString('utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      problem: 'unreadable',
      message: `it cannot be read (${code ?? 'unknown error'})`,
      code,
      cause: error,
    };
  } finally {
    closeSync(fd);
  }
}

const LISTEN_ERROR_MARKER = Symbol.for('amplifier-azure-openai.grpc-listen-error');

const REASONS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'is already in use by another process',
  EACCES: 'needs permissions this process does not have',
  EADDRNOTAVAIL: 'is not an address of this machine',
  ENOENT: 'is in a directory that does not exist',
};

const FIXES: Readonly<Record<string, string>> = {
  EADDRINUSE: 'Stop the other process, or pick another port (--port 0 picks a free one).',
  EACCES: 'Pick a port above 1023, or a socket path in a directory you can write.',
  EADDRNOTAVAIL: 'Bind to 127.0.0.1 or to an address this machine has.',
  ENOENT: 'Create the directory first, or pick another socket path.',
};

/**
 * The gRPC server could not listen on its address (port in use, no permission, no such
 * address...). `code` is the system error code when known (`EADDRINUSE`, ...).
 */
export class GrpcListenError extends Error {
  /** The system error code (`EADDRINUSE`, `EACCES`, ...), or `undefined`. */
  readonly code: string | undefined;
  /** The address that could not be bound (`127.0.0.1:50051`, `unix:/path`). */
  readonly address: string;

  /**
   * @param address - the address that could not be bound.
   * @param cause - grpc-js's bind error.
   */
  constructor(address: string, cause: unknown) {
    const text = cause instanceof Error ? cause.message : String(cause);
    const code = /\b(E[A-Z]{3,})\b/.exec(text)?.[1];
    const reason = (code !== undefined ? REASONS[code] : undefined) ?? 'cannot be listened on';
    const fix = (code !== undefined ? FIXES[code] : undefined) ?? 'Pick another address.';
    super(`${address} ${reason}${code === undefined ? '' : ` (${code})`}. ${fix}`, { cause });
    this.name = 'GrpcListenError';
    this.code = code;
    this.address = address;
    Object.defineProperty(this, LISTEN_ERROR_MARKER, { value: true });
  }

  /** True when `value` is a {@link GrpcListenError} from any copy of this package. */
  static isInstance(value: unknown): value is GrpcListenError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[LISTEN_ERROR_MARKER] === true
    );
  }
}

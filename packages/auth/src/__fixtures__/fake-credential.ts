import type {
  AccessTokenLike,
  GetTokenOptionsLike,
  TokenCredentialLike,
} from '../token-credential.js';

/** A deferred promise the test settles by hand. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** Creates a {@link Deferred}. */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Reply = AccessTokenLike | null | Error | Deferred<AccessTokenLike | null>;

/**
 * A TokenCredential whose answers the test queues: a token, null, an error (thrown) or a
 * deferred (settled later). When the queue is empty it answers with `fallback()`.
 */
export class FakeCredential implements TokenCredentialLike {
  readonly calls: Array<{ scopes: string | string[]; options?: GetTokenOptionsLike | undefined }> =
    [];
  readonly #replies: Reply[] = [];
  readonly #fallback: (() => Reply) | undefined;

  constructor(fallback?: () => Reply) {
    this.#fallback = fallback;
  }

  /** Queues the next answers. */
  queue(...replies: Reply[]): this {
    this.#replies.push(...replies);
    return this;
  }

  async getToken(
    scopes: string | string[],
    options?: GetTokenOptionsLike,
  ): Promise<AccessTokenLike | null> {
    this.calls.push({ scopes, options });
    const reply = this.#replies.length > 0 ? this.#replies.shift() : this.#fallback?.();
    if (reply === undefined) throw new Error('FakeCredential: no reply queued');
    if (reply instanceof Error) throw reply;
    if (reply !== null && 'promise' in reply) return reply.promise;
    return reply;
  }
}

/** A fake clock. */
export class FakeClock {
  constructor(public current = Date.UTC(2030, 0, 1, 12, 0, 0)) {}
  readonly now = (): number => this.current;
  advance(ms: number): void {
    this.current += ms;
  }
}

/** An error shaped like the ones of `@azure/identity` (matched by name). */
export function identityError(name: string, message: string, extra: Record<string, unknown> = {}) {
  const error = new Error(message);
  error.name = name;
  Object.assign(error, extra);
  return error;
}

/** A logger that records every line (message + JSON data). */
export function recordingLogger() {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: string, data?: Record<string, unknown>): void => {
      lines.push(`${level} ${message} ${data === undefined ? '' : JSON.stringify(data)}`);
    };
  return {
    lines,
    logger: {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    },
  };
}

/** Builds an unsigned JWT with the given claims. */
export function makeJwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;
}

/** Lets pending promise callbacks run. */
export async function flushPromises(): Promise<void> {
  for (let index = 0; index < 10; index += 1) await Promise.resolve();
}

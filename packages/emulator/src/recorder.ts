import type { EmulatorRecorder, RecordedRequest } from './types.js';

const MASKED_HEADERS = new Set([
  'api-key',
  'authorization',
  'x-identity-header',
  'ocp-apim-subscription-key',
]);

/** Masks a secret: keeps the scheme of `Bearer x` and the last 4 characters of long values. */
export function maskSecret(value: string): string {
  const bearer = /^bearer\s+/i.exec(value);
  const scheme = bearer === null ? '' : bearer[0];
  const secret = value.slice(scheme.length);
  const tail = secret.length >= 16 ? secret.slice(-4) : '';
  return `${scheme}***${tail}`;
}

/** Copies request headers, lower-cased, with secrets masked. */
export function maskHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    const key = name.toLowerCase();
    result[key] = MASKED_HEADERS.has(key) ? maskSecret(value) : value;
  }
  return result;
}

/** Keeps recorded requests (bounded; oldest dropped first). */
export class Recorder implements EmulatorRecorder {
  readonly requests: RecordedRequest[] = [];
  #seq = 0;

  constructor(private readonly max: number) {}

  /** Records a request and returns the stored object (mutable until answered). */
  add(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest {
    this.#seq += 1;
    const recorded: RecordedRequest = { seq: this.#seq, ...entry };
    this.requests.push(recorded);
    if (this.requests.length > this.max) this.requests.splice(0, this.requests.length - this.max);
    return recorded;
  }

  responsesRequests(): RecordedRequest[] {
    return this.requests.filter(r => r.method === 'POST' && r.path.endsWith('/responses'));
  }

  last(): RecordedRequest | undefined {
    return this.requests[this.requests.length - 1];
  }

  clear(): void {
    this.requests.length = 0;
  }
}

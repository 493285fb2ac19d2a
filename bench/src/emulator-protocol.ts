/** IPC messages between the benchmark and its emulator child process. */

/** A command sent to the emulator host. */
export interface HostRequest {
  id: number;
  cmd: 'stats' | 'recorded' | 'last-body' | 'clear' | 'close';
}

/** One recorded request, reduced to what the benchmark checks. */
export interface RecordedSummary {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  surface: string;
  deployment?: string | undefined;
  auth: string;
  status: number;
  stream: boolean;
  /** The request's `content-length` header (NaN when chunked). */
  contentLength: number;
  userAgent: string;
  /** When the request arrived (`Date.now()` in the emulator process). */
  timestamp: number;
}

/** Where the emulator listens and how to authenticate. */
export interface EmulatorEndpoint {
  url: string;
  apiKey: string;
  identityEndpoint: string;
  identityHeader: string;
  pid: number;
}

/** A reply from the emulator host (`id` 0 is the ready message). */
export interface HostReply {
  id: number;
  ready?: EmulatorEndpoint | undefined;
  totalRequests?: number | undefined;
  tokenRequests?: number | undefined;
  recorded?: RecordedSummary[] | undefined;
  body?: unknown;
}

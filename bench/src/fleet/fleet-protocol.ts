/** Messages between the fleet benchmark (`run-fleet.ts`) and its worker processes. */

/** How the worker calls Azure. */
export type FleetMode = 'openai-sdk' | 'provider-local' | 'provider-redis';

/** The worker's setup (argv[2], JSON). */
export interface FleetWorkerSetup {
  mode: FleetMode;
  index: number;
  endpoint: string;
  apiKey: string;
  redisUrl?: string | undefined;
  deployments: readonly string[];
  /** Tokens per window and deployment (the provider's `deployment_quotas`). */
  tokensPerWindow: number;
  windowSeconds: number;
  promptChars: number;
  maxOutputTokens: number;
}

/** One call as the worker saw it. */
export interface FleetCall {
  /** Epoch ms. */
  start: number;
  end: number;
  ok: boolean;
  /** HTTP 429 answers this call met (including the SDK's and provider's own retries). */
  throttled: number;
  /** HTTP requests the call sent. */
  requests: number;
  error?: string | undefined;
}

/** Parent -> worker. */
export type FleetCommand = { type: 'go'; startAt: number; endAt: number };

/** Worker -> parent. */
export type FleetReply = { type: 'ready' } | { type: 'result'; index: number; calls: FleetCall[] };

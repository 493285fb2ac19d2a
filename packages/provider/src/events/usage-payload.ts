import type { Usage } from '../types.js';

/** The normative `usage` payload of `llm:response` (PROVIDER_CONTRACT.md). */
export interface UsageEventPayload {
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens?: number;
  cache_write_tokens?: number;
  /** The answer's cost in USD (decimal string), when the model has a price (as Python's). */
  cost_usd?: string;
}

/**
 * `llm:response` usage with exactly the contract's keys: `input_tokens` (gross, including cache
 * reads), `output_tokens`, and `cache_read_tokens` / `cache_write_tokens` only when non-zero, plus
 * `cost_usd` when the answer was priced (Microsoft's Python providers put it there too).
 */
export function toUsageEventPayload(usage: Usage | undefined): UsageEventPayload {
  const payload: UsageEventPayload = {
    input_tokens: usage?.input_tokens ?? 0,
    output_tokens: usage?.output_tokens ?? 0,
  };
  if (usage?.cache_read_tokens) payload.cache_read_tokens = usage.cache_read_tokens;
  if (usage?.cache_write_tokens) payload.cache_write_tokens = usage.cache_write_tokens;
  if (usage?.cost_usd !== undefined) payload.cost_usd = usage.cost_usd;
  return payload;
}

import { formatUsd, parseUsd } from '@amplifier-azure-openai/provider/internal';

/** The contribution channel of a session's running cost (amplifier-core). */
export const SESSION_COST_CHANNEL = 'session.cost';

/** The contributor name on `session.cost`, the same as Microsoft's Python Azure OpenAI module. */
export const SESSION_COST_CONTRIBUTOR = 'provider-azure-openai';

/** What this module contributes on `session.cost`: the session's total so far. */
export interface SessionCostContribution {
  /** USD as a decimal string (JSON-safe, like the Python providers' contribution). */
  cost_usd: string;
}

/** The running cost of one mounted provider (one session). */
export interface SessionCost {
  /** Adds the `usage.cost_usd` of an `llm:response` event; other events are ignored. */
  observe(event: string, payload: Record<string, unknown>): void;
  /** The `session.cost` contribution: undefined (skipped) until a priced answer arrived. */
  contribution(): SessionCostContribution | undefined;
}

/**
 * Sums the `cost_usd` of every `llm:response` exactly (decimal, no floating-point drift). Answers
 * without a price (unknown model) add nothing; PTU answers add 0 but still count as data.
 */
export function createSessionCost(): SessionCost {
  let total: bigint | undefined;
  return {
    observe(event, payload) {
      if (event !== 'llm:response') return;
      const usage = payload.usage;
      if (typeof usage !== 'object' || usage === null) return;
      const cost = parseUsd((usage as { cost_usd?: unknown }).cost_usd);
      if (cost !== undefined) total = (total ?? 0n) + cost;
    },
    contribution() {
      return total === undefined ? undefined : { cost_usd: formatUsd(total) };
    },
  };
}

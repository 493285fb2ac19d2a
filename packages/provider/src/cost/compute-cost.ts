import type { Usage } from '../types.js';
import type { ModelPrice } from './pricing-table.js';
import { formatUsd, formatUsdNumber, tokenCostPico, tokenCostPicoNumber } from './usd-amount.js';

/**
 * The cost of one answer as Amplifier's `cost_usd` (a decimal string): fresh input tokens
 * (`input_tokens` minus `cache_read_tokens`) at the input price, cached ones at the cached-input
 * price, `output_tokens` (reasoning tokens are part of them) at the output price. Cache writes
 * have no price of their own on Azure and count as fresh input.
 */
export function computeCostUsd(usage: Usage, price: ModelPrice): string {
  const cached = Math.min(usage.cache_read_tokens ?? 0, usage.input_tokens);
  const fresh = Math.max(0, usage.input_tokens - cached);
  const pico =
    tokenCostPicoNumber(fresh, price.input) +
    tokenCostPicoNumber(cached, price.cachedInput) +
    tokenCostPicoNumber(usage.output_tokens, price.output);
  // Plain numbers are exact up to 2^53 picodollars (about 9,000 USD an answer); BigInt beyond.
  if (Number.isSafeInteger(pico)) return formatUsdNumber(pico);
  return formatUsd(
    tokenCostPico(fresh, price.input) +
      tokenCostPico(cached, price.cachedInput) +
      tokenCostPico(usage.output_tokens, price.output),
  );
}

/**
 * Azure OpenAI pay-as-you-go (Global Standard) prices in USD per million tokens, by model family.
 * To update: change the rows, set {@link PRICES_AS_OF} to the day you checked, add a changeset.
 * Source: https://azure.microsoft.com/pricing/details/cognitive-services/openai-service/
 * A family missing here has no cost (`cost_usd` stays unset): add it, or price the deployment
 * with `deployment_pricing` in the config. Reasoning tokens are billed as output tokens.
 */
export const PRICES_AS_OF = '2026-05-06';

/** One family's prices in USD per million tokens. */
export interface ModelPrice {
  /** Fresh (uncached) input tokens. */
  readonly input: number;
  /** Cached input tokens (prompt cache reads). */
  readonly cachedInput: number;
  /** Output tokens, reasoning tokens included. */
  readonly output: number;
}

const price = (input: number, cachedInput: number, output: number): ModelPrice =>
  Object.freeze({ input, cachedInput, output });

/**
 * Family name (lower case, as Azure reports the model without its `-YYYY-MM-DD` version) ->
 * prices. Only exact names match: `gpt-5.4-pro` never takes `gpt-5.4`'s price.
 */
export const PRICING_TABLE: Readonly<Record<string, ModelPrice>> = Object.freeze({
  'gpt-4o': price(2.5, 1.25, 10),
  'gpt-4o-mini': price(0.15, 0.075, 0.6),
  'gpt-4.1': price(2, 0.5, 8),
  'gpt-4.1-mini': price(0.4, 0.1, 1.6),
  'gpt-4.1-nano': price(0.1, 0.025, 0.4),
  'gpt-5': price(1.25, 0.125, 10),
  'gpt-5-mini': price(0.25, 0.025, 2),
  'gpt-5-nano': price(0.05, 0.005, 0.4),
  'gpt-5-chat': price(1.25, 0.125, 10),
  'gpt-5-codex': price(1.25, 0.125, 10),
  'gpt-5.1': price(1.25, 0.125, 10),
  'gpt-5.2': price(1.75, 0.175, 14),
  'gpt-5.4': price(2.5, 0.25, 15),
  'gpt-5.5': price(5, 0.5, 30),
  o1: price(15, 7.5, 60),
  'o1-mini': price(1.1, 0.55, 4.4),
  o3: price(2, 0.5, 8),
  'o3-mini': price(1.1, 0.55, 4.4),
  'o4-mini': price(1.1, 0.275, 4.4),
});

const DATED_VERSION = /-\d{4}-\d{2}-\d{2}$/;

/**
 * The table price of a model: exact name first, then without a `-YYYY-MM-DD` version suffix
 * (`gpt-4o-2024-11-20` -> `gpt-4o`). Undefined for a model the table does not know.
 */
export function tablePriceFor(model: string | undefined): ModelPrice | undefined {
  if (typeof model !== 'string') return undefined;
  const name = model.trim().toLowerCase();
  if (Object.hasOwn(PRICING_TABLE, name)) return PRICING_TABLE[name];
  const family = name.replace(DATED_VERSION, '');
  return family !== name && Object.hasOwn(PRICING_TABLE, family)
    ? PRICING_TABLE[family]
    : undefined;
}

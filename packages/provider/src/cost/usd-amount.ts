/** Picodollars (1e-12 USD) per USD: token prices per million tokens in micro-USD times tokens. */
const PICO_PER_USD = 10n ** 12n;
const DECIMAL_USD = /^(\d+)(?:\.(\d{1,12}))?$/;

/**
 * The exact cost of `tokens` at `pricePerMillion` USD per million tokens, in picodollars
 * (prices are kept to a millionth of a dollar per million tokens; integer arithmetic, so sums of
 * many calls do not drift the way floating point would).
 */
export function tokenCostPico(tokens: number, pricePerMillion: number): bigint {
  if (!(tokens > 0) || !(pricePerMillion > 0)) return 0n;
  return BigInt(Math.round(tokens)) * BigInt(Math.round(pricePerMillion * 1e6));
}

/** Picodollars as a decimal USD string without trailing zeros (`"0.0125"`, `"0"`): Amplifier's `cost_usd`. */
export function formatUsd(pico: bigint): string {
  const whole = pico / PICO_PER_USD;
  const fraction = (pico % PICO_PER_USD).toString().padStart(12, '0').replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}

/** A decimal USD string (as {@link formatUsd} writes) in picodollars; undefined when it is not one. */
export function parseUsd(text: unknown): bigint | undefined {
  if (typeof text !== 'string') return undefined;
  const match = DECIMAL_USD.exec(text.trim());
  if (match === null) return undefined;
  const fraction = (match[2] ?? '').padEnd(12, '0');
  return BigInt(match[1]!) * PICO_PER_USD + BigInt(fraction);
}

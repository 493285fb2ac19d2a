/** Picodollars (1e-12 USD) per USD: token prices per million tokens in micro-USD times tokens. */
const PICO_PER_USD = 10n ** 12n;
const PICO_PER_USD_NUMBER = 1e12;
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

/**
 * {@link tokenCostPico} in a plain number: exact while the result is a safe integer (check with
 * `Number.isSafeInteger`, also of a sum of them; else use the BigInt one).
 */
export function tokenCostPicoNumber(tokens: number, pricePerMillion: number): number {
  if (!(tokens > 0) || !(pricePerMillion > 0)) return 0;
  return Math.round(tokens) * Math.round(pricePerMillion * 1e6);
}

/** {@link formatUsd} of a safe-integer number of picodollars, without BigInt. */
export function formatUsdNumber(pico: number): string {
  let whole = Math.trunc(pico / PICO_PER_USD_NUMBER);
  let fraction = pico - whole * PICO_PER_USD_NUMBER;
  // The float division may round up to the next whole dollar: exact integer math corrects it.
  if (fraction < 0) {
    whole -= 1;
    fraction += PICO_PER_USD_NUMBER;
  }
  if (fraction === 0) return String(whole);
  const digits = String(fraction).padStart(12, '0');
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 48) end--;
  return `${whole}.${digits.slice(0, end)}`;
}

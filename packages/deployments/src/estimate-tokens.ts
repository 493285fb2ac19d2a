/**
 * Azure's rate limiter counts a request when it arrives, before the model runs: its prompt tokens
 * plus `max_output_tokens`. This is the cheap estimate the quota gate and the emulator agree on:
 * `ceil(text characters / 4) + max_output_tokens`, where the text is every message's text (and the
 * instructions). Tool definitions and images are not counted.
 *
 * @example estimateTokens({ textCharacters: 400, maxOutputTokens: 100 }) // 200
 */
export function estimateTokens(parts: { textCharacters: number; maxOutputTokens: number }): number {
  const characters = Math.max(0, parts.textCharacters);
  return Math.ceil(characters / 4) + Math.max(0, Math.ceil(parts.maxOutputTokens));
}

/**
 * The number of fast-check runs for a property: `base` scaled by `RELIABILITY_FUZZ_SCALE`
 * (default 1; e.g. 10 for a long local fuzzing session), at least 1.
 */
export function fuzzRuns(base: number): number {
  const raw = process.env.RELIABILITY_FUZZ_SCALE;
  const scale = raw === undefined || raw.trim() === '' ? 1 : Number(raw);
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

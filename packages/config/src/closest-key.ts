/** Levenshtein edit distance between two strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** `azureEndpoint` / `azure-endpoint` / `AZURE_ENDPOINT` -> `azure_endpoint`. */
export function toSnakeCase(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s.]+/g, '_')
    .toLowerCase();
}

/**
 * The known key closest to `name` (comparing its snake_case form too), or `undefined` when
 * nothing is close enough to be a plausible typo.
 */
export function closestKey(name: string, known: readonly string[]): string | undefined {
  const candidates = [name.toLowerCase(), toSnakeCase(name)];
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const knownKey of known) {
    for (const candidate of candidates) {
      const distance = editDistance(candidate, knownKey);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = knownKey;
      }
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(best.length / 3));
  return bestDistance <= limit ? best : undefined;
}

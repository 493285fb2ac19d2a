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
  // A cut-off key (deployment_map) means the one key it starts, before any closer-looking one.
  const started = known.filter(knownKey =>
    candidates.some(candidate => candidate.length >= 5 && knownKey.startsWith(candidate)),
  );
  if (started.length === 1) return started[0];
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
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3))) return best;
  return closestByWords(toSnakeCase(name), known);
}

/**
 * Fallback for names that are far in edits but share words: `endpoint` -> `azure_endpoint`,
 * `azure_openai_endpoint` -> `azure_endpoint`. Picks the key sharing the most words (then the
 * shortest), when every word of one name is in the other.
 */
function closestByWords(name: string, known: readonly string[]): string | undefined {
  const words = new Set(name.split('_').filter(word => word.length > 2));
  if (words.size === 0) return undefined;
  let best: string | undefined;
  let bestShared = 0;
  for (const knownKey of known) {
    const knownWords = knownKey.split('_').filter(word => word.length > 2);
    const shared = knownWords.filter(word => words.has(word)).length;
    const contained = shared === words.size || shared === knownWords.length;
    if (!contained || shared === 0) continue;
    if (
      shared > bestShared ||
      (shared === bestShared && best !== undefined && knownKey.length < best.length)
    ) {
      best = knownKey;
      bestShared = shared;
    }
  }
  return best;
}

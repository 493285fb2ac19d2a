import { MODEL_CAPABILITY_TABLE } from './capability-table.js';
import type { ModelCapabilities, ModelCapabilityEntry } from './model-capabilities.js';

/**
 * The conservative defaults used for a model no table entry matches: not reasoning (the provider
 * sends temperature and learns at runtime if the deployment rejects it), tools on, no vision,
 * 128000-token context, 4096 output tokens, `medium` cost.
 */
export const UNKNOWN_MODEL_CAPABILITIES: Readonly<ModelCapabilities> = Object.freeze({
  family: 'unknown',
  known: false,
  reasoning: false,
  contextWindow: 128_000,
  maxOutputTokens: 4_096,
  vision: false,
  tools: true,
  supportsTemperature: true,
  jsonMode: false,
  costTier: 'medium',
});

/**
 * Normalizes a model or deployment name for table matching: trimmed, lower case, underscores and
 * whitespace become `-`, and `gpt5`/`gpt4o` become `gpt-5`/`gpt-4o`.
 *
 * @example normalizeModelName(' Production_GPT5 ') // 'production-gpt-5'
 */
export function normalizeModelName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/gpt(?=\d)/g, 'gpt-');
}

const BOUNDARY_BEFORE = new Set(['-', '/', '.', ':']);
const BOUNDARY_AFTER = new Set(['-', '.', ':']);

/**
 * Finds the capability table entry for a model or deployment name: the entry whose pattern is the
 * longest one found at token boundaries in the normalized name (the earliest wins a tie), or
 * `undefined` when none matches.
 *
 * @param name - a model name (`gpt-5-mini-2025-08-07`), a family (`o3`) or a deployment name that
 *   contains one (`prod-gpt-5-mini`).
 * @param table - the table to search; defaults to {@link MODEL_CAPABILITY_TABLE}.
 */
export function findCapabilityEntry(
  name: string,
  table: readonly ModelCapabilityEntry[] = MODEL_CAPABILITY_TABLE,
): ModelCapabilityEntry | undefined {
  const normalized = normalizeModelName(name);
  let best: { entry: ModelCapabilityEntry; length: number; index: number } | undefined;
  for (const entry of table) {
    for (const pattern of entry.patterns) {
      const index = findAtBoundary(normalized, pattern);
      if (index < 0) continue;
      if (
        best === undefined ||
        pattern.length > best.length ||
        (pattern.length === best.length && index < best.index)
      ) {
        best = { entry, length: pattern.length, index };
      }
    }
  }
  return best?.entry;
}

function findAtBoundary(text: string, pattern: string): number {
  let from = 0;
  while (from <= text.length - pattern.length) {
    const index = text.indexOf(pattern, from);
    if (index < 0) return -1;
    const before = index === 0 ? undefined : text[index - 1];
    const after = text[index + pattern.length];
    if (
      (before === undefined || BOUNDARY_BEFORE.has(before)) &&
      (after === undefined || BOUNDARY_AFTER.has(after))
    ) {
      return index;
    }
    from = index + 1;
  }
  return -1;
}

/**
 * The capabilities of a model, by its name or family, from the capability table; a copy of
 * {@link UNKNOWN_MODEL_CAPABILITIES} (with `known: false`) when nothing matches. Pure: no logging
 * and no deployment overrides (the resolver's `capabilitiesFor` applies `deployment_models`).
 *
 * @example getModelCapabilities('gpt-5-mini').reasoning // true
 * @example getModelCapabilities('gpt-4o-2024-08-06').family // 'gpt-4o'
 */
export function getModelCapabilities(modelOrFamily: string): ModelCapabilities {
  const entry = typeof modelOrFamily === 'string' ? findCapabilityEntry(modelOrFamily) : undefined;
  if (entry === undefined) return { ...UNKNOWN_MODEL_CAPABILITIES };
  return {
    family: entry.family,
    known: true,
    reasoning: entry.reasoning,
    contextWindow: entry.contextWindow,
    maxOutputTokens: entry.maxOutputTokens,
    vision: entry.vision,
    tools: entry.tools,
    supportsTemperature: entry.supportsTemperature,
    jsonMode: entry.jsonMode,
    costTier: entry.costTier,
    ...(entry.reasoningEfforts === undefined ? {} : { reasoningEfforts: entry.reasoningEfforts }),
  };
}

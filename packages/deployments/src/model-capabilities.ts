/**
 * Rough relative price of a model, as Amplifier's `ModelInfo.metadata.cost_tier`
 * (`free` | `low` | `medium` | `high` | `extreme`).
 */
export type CostTier = 'free' | 'low' | 'medium' | 'high' | 'extreme';

/** What a model can do and its limits, as the provider needs them to build a request. */
export interface ModelCapabilities {
  /** The model family from the capability table (e.g. `gpt-5-mini`), or `unknown`. */
  family: string;
  /** False when no table entry matched and these are the conservative defaults. */
  known: boolean;
  /**
   * A reasoning model: send reasoning options, not `temperature` or `top_p`.
   * Unknown models: false (the provider learns rejected parameters at runtime).
   */
  reasoning: boolean;
  /** Context window in tokens (input plus output). Unknown models: 128000. */
  contextWindow: number;
  /** Maximum output tokens per response. Unknown models: 4096. */
  maxOutputTokens: number;
  /** Accepts image input. Unknown models: false. */
  vision: boolean;
  /** Supports function (tool) calling. Unknown models: true. */
  tools: boolean;
  /** Accepts `temperature` and `top_p`. False for reasoning models. Unknown models: true. */
  supportsTemperature: boolean;
  /** Supports structured JSON output (`text.format` json_schema / json_object). Unknown models: false. */
  jsonMode: boolean;
  /** Rough relative price. Unknown models: `medium`. */
  costTier: CostTier;
  /**
   * The `reasoning.effort` values the family takes (e.g. GPT-5 `minimal`..`high`, GPT-5.1 adds
   * `none`, GPT-5.2 adds `xhigh`), when known. Absent: not known (the provider sends what it is
   * given and learns from Azure's answer).
   */
  reasoningEfforts?: readonly string[] | undefined;
}

/**
 * One row of the data-driven capability table ({@link MODEL_CAPABILITY_TABLE}).
 *
 * A model or deployment name matches a row when one of its `patterns` occurs in the normalized
 * name at token boundaries (start or `-`/`/` before it, end, `-` or `.` after it); the longest
 * matching pattern wins, so `gpt-5-mini-2025-08-07` and `prod-gpt-5-mini` are `gpt-5-mini`, not
 * `gpt-5`.
 */
export interface ModelCapabilityEntry extends Omit<ModelCapabilities, 'known'> {
  /** Normalized name fragments (lower case, `-` separators) that identify this family. */
  patterns: readonly string[];
}

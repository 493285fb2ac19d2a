/**
 * Amplifier's `ModelInfo`, snake_case as on Amplifier's wire (`list_models()`; the gRPC
 * `ModelInfo` message carries `defaults` as `defaults_json`).
 */
export interface ModelInfo {
  /** The model id a request names (here: the mapped model name, or the default deployment). */
  id: string;
  /** Human-readable name, e.g. `gpt-5 (production-gpt5)`. */
  display_name: string;
  /** Context window in tokens. */
  context_window: number;
  /** Maximum output tokens per response. */
  max_output_tokens: number;
  /**
   * Well-known capability strings from Amplifier's Capabilities Taxonomy: `tools`, `streaming`,
   * `vision`, `thinking` (reasoning models; `reasoning` is also listed as an alias), `json_mode`.
   */
  capabilities: string[];
  /** Request defaults for this model, e.g. `{ max_output_tokens: 4096, temperature: 0.7 }`. */
  defaults: Record<string, unknown>;
  /** Cost per input token in USD, when known. */
  cost_per_input_token?: number | undefined;
  /** Cost per output token in USD, when known. */
  cost_per_output_token?: number | undefined;
  /** Extensible metadata; this package sets `cost_tier`, `model_family`, `deployments`, ... */
  metadata?: Record<string, unknown> | undefined;
}

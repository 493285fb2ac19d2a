import { normalizeEndpoint } from './deployment-target.js';
import { normalizeModelName } from './get-model-capabilities.js';

/**
 * @deprecated Renamed {@link normalizeEndpoint} (one spelling across the packages); this alias
 * is removed in 1.0.
 */
export const normaliseEndpoint: typeof normalizeEndpoint = normalizeEndpoint;

/**
 * @deprecated Renamed {@link normalizeModelName} (one spelling across the packages); this alias
 * is removed in 1.0.
 */
export const normaliseModelName: typeof normalizeModelName = normalizeModelName;

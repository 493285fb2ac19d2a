/**
 * `@amplifier-azure-openai/config/keys`: the table of settings, the shared JSON nesting limit and
 * the hosted tool (`native_tools`) validation alone, without the schema and its validator (nothing
 * here loads zod). For code that only needs to know the keys, such as a provider describing its
 * settings, so that importing it stays cheap.
 */
export { CONFIG_KEYS, DEFAULT_TOKEN_SCOPE, GENERIC_MODULE_KEYS } from './config-keys.js';
export { jsonTextDepth, jsonValueDepth, MAX_JSON_DEPTH } from './json-depth.js';
export type { NativeToolConfig, NativeToolsResult, NativeToolType } from './native-tools.js';
export { NATIVE_TOOL_TYPES, nativeToolBody, normalizeNativeTools } from './native-tools.js';
export type { ConfigKeyInfo, ConfigValueType } from './types.js';

export { FIRST_DATED_RESPONSES_API_VERSION } from './api-version.js';
export type { ConfigErrorOptions } from './config-error.js';
export { ConfigError } from './config-error.js';
export { CONFIG_KEYS, DEFAULT_TOKEN_SCOPE, GENERIC_MODULE_KEYS } from './config-keys.js';
export { formatConfigReference } from './config-reference.js';
export { escapeControlCharacters, findControlCharacter } from './control-characters.js';
export { describeConfig } from './describe-config.js';
export { jsonTextDepth, jsonValueDepth, MAX_JSON_DEPTH } from './json-depth.js';
export { loadSettingsFile } from './load-settings-file.js';
export type { NativeToolConfig, NativeToolsResult, NativeToolType } from './native-tools.js';
export { NATIVE_TOOL_TYPES, nativeToolBody, normalizeNativeTools } from './native-tools.js';
export {
  type BoundedFileProblem,
  type BoundedFileResult,
  MAX_INPUT_FILE_BYTES,
  readBoundedFile,
} from './read-bounded-file.js';
export { resolveConfig } from './resolve-config.js';
export { REDACTED, Secret } from './secret.js';
export type {
  ApiSurface,
  AzureOpenAIConfig,
  ConfigDescriptionRow,
  ConfigKeyInfo,
  ConfigProblem,
  ConfigValueType,
  ConfigWarning,
  DeploymentPricingConfig,
  DeploymentQuotaConfig,
  DeploymentTarget,
  DeploymentType,
  ReasoningEffort,
  ReasoningSummary,
  ResolvedConfig,
  ResponseChaining,
  ValueSource,
} from './types.js';
export { VERSION } from './version.js';

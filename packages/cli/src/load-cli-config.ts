import { isAbsolute, resolve } from 'node:path';
import {
  loadSettingsFile,
  type ResolvedConfig,
  resolveConfig,
} from '@amplifier-azure-openai/config';
import type { Logger } from './logger.js';
import type { SecretRegistry } from './redacting-sink.js';

const SECRET_KEYS: readonly string[] = ['api_key', 'azure_ad_token'];

/** Options of {@link loadCliConfig}. */
export interface LoadCliConfigOptions {
  /** `--config FILE`, as given (relative to `cwd`). */
  configFile?: string | undefined;
  /** Environment variables for `resolveConfig`. */
  env: Record<string, string | undefined>;
  /** Directory a relative `configFile` is resolved against. */
  cwd: string;
  /** Receives the secret values found in the file and the resolved config. */
  secrets: SecretRegistry;
  /** Receives the configuration warnings as `warning:` lines (omit when the command shows them). */
  logger?: Pick<Logger, 'warn'> | undefined;
  /** Keys applied over the file's (the demo's emulator mapping). */
  overrides?: Record<string, unknown> | undefined;
}

/** The configuration a command runs with. */
export interface LoadedCliConfig {
  /** The resolved configuration (values, sources, warnings). */
  resolved: ResolvedConfig;
  /** The snake_case keys read from the settings file (`{}` without `--config`). */
  fileInput: Record<string, unknown>;
  /** The absolute settings file path, when `--config` was given. */
  configPath: string | undefined;
}

/** Reads `--config` (if any) and resolves it over the environment variables. */
export function readConfigInput(
  options: Pick<LoadCliConfigOptions, 'configFile' | 'cwd' | 'secrets'>,
): { fileInput: Record<string, unknown>; configPath: string | undefined } {
  if (options.configFile === undefined) return { fileInput: {}, configPath: undefined };
  const configPath = isAbsolute(options.configFile)
    ? options.configFile
    : resolve(options.cwd, options.configFile);
  const fileInput = loadSettingsFile(configPath);
  for (const key of SECRET_KEYS) {
    const value = fileInput[key];
    if (typeof value === 'string') options.secrets.add(value);
  }
  return { fileInput, configPath };
}

/**
 * Loads the configuration of a command: the `--config` file (Amplifier settings TOML with an
 * `azure-openai` provider entry, or a plain TOML/JSON file of the keys) resolved over the
 * environment with `resolveConfig`. Secret values are registered for scrubbing.
 *
 * @throws `ConfigError` (exit code 2) for a missing/invalid file or invalid values.
 */
export function loadCliConfig(options: LoadCliConfigOptions): LoadedCliConfig {
  const { fileInput, configPath } = readConfigInput(options);
  const input =
    options.overrides === undefined ? fileInput : { ...fileInput, ...options.overrides };
  const resolved = resolveConfig(input, options.env);
  options.secrets.add(resolved.config.apiKey?.reveal());
  options.secrets.add(resolved.config.azureAdToken?.reveal());
  options.secrets.add(resolved.config.apimSubscriptionKey?.reveal());
  for (const value of Object.values(resolved.config.extraHeaders ?? {})) {
    options.secrets.add(value.reveal());
  }
  for (const warning of resolved.warnings) {
    const fix = warning.fix === undefined ? '' : ` Fix: ${warning.fix}`;
    options.logger?.warn(`${warning.key}: ${warning.message}${fix}`);
  }
  return { resolved, fileInput, configPath };
}

import { homedir } from 'node:os';
import { extname, join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { ConfigError } from './config-error.js';
import { findJsonErrorOffset, lineAndColumn } from './json-error-position.js';
import { isPlainObject } from './parse-values.js';
import { MAX_INPUT_FILE_BYTES, readBoundedFile } from './read-bounded-file.js';
import type { ConfigProblem } from './types.js';

/** Provider `name` values that select this provider in an Amplifier settings file. */
export const PROVIDER_NAMES: readonly string[] = Object.freeze(['azure-openai']);
/** Provider `module` values that select this provider in an Amplifier settings file. */
export const PROVIDER_MODULES: readonly string[] = Object.freeze([
  'provider-azure-openai',
  'amplifier-module-provider-azure-openai',
]);

const PROVIDER_EXAMPLE =
  '[[providers]]\nmodule = "provider-azure-openai"\n\n[providers.config]\nazure_endpoint = "https://my-resource.openai.azure.com"';

/**
 * Reads a settings file and returns the snake_case provider config to pass to `resolveConfig`.
 *
 * - An Amplifier settings TOML file (`[[providers]]` array of tables): the `config` table of the
 *   first entry whose `name` is `azure-openai` or whose `module` is `provider-azure-openai` (or
 *   `amplifier-module-provider-azure-openai`); `{}` when that entry has no `config`.
 * - Otherwise a plain TOML or JSON file (`.json` extension) holding the keys at top level.
 *
 * @param path - the file path (relative to the working directory; a leading `~/` means the home
 *   directory).
 * The file must be a regular file of at most 1 MiB ({@link MAX_INPUT_FILE_BYTES}): a directory,
 * FIFO or device (`/dev/zero`) is refused without being read.
 *
 * @throws {@link ConfigError} when the file is missing, unreadable, not a regular file or too
 *   large, is not valid TOML/JSON
 *   (the problem gives the line and column), or has `providers` but none for Azure OpenAI. Each
 *   problem has `source: 'file'`, the `path`, the `line` when known, and a fix. Messages never
 *   quote the file's text (it may hold a key).
 *
 * @example
 * ```ts
 * const resolved = resolveConfig(loadSettingsFile('.amplifier/settings.toml'), process.env);
 * ```
 */
export function loadSettingsFile(path: string): Record<string, unknown> {
  if (typeof path !== 'string' || path.trim() === '') {
    throw fileError({
      message: 'No settings file path was given.',
      fix: 'Pass the path of a TOML or JSON settings file.',
      path: String(path),
    });
  }
  const expanded = /^~(?=$|[/\\])/.test(path) ? join(homedir(), path.slice(1)) : path;
  return loadExpanded(expanded);
}

function loadExpanded(path: string): Record<string, unknown> {
  const text = readText(path).replace(/^\uFEFF/, '');
  const document = isJsonFile(path, text) ? parseJson(text, path) : parseTomlText(text, path);
  if (!isPlainObject(document)) {
    throw fileError({
      message: 'The settings file must hold a table (an object) at top level.',
      fix: `Write the keys at top level, or an Amplifier settings file:\n${PROVIDER_EXAMPLE}`,
      path,
      line: 1,
    });
  }
  if (!('providers' in document)) return { ...document };
  return selectProvider(document.providers, text, path);
}

function readText(path: string): string {
  const result = readBoundedFile(path);
  if (result.ok) return result.text;
  if (result.problem === 'missing') {
    throw fileError({
      code: 'missing',
      message: 'The settings file does not exist.',
      fix: `Check the path, or create it with:\n${PROVIDER_EXAMPLE}`,
      path,
      cause: result.cause,
    });
  }
  throw fileError({
    message: `The settings file cannot be used: ${result.message}.`,
    fix:
      result.problem === 'too-large'
        ? `Settings files are at most ${MAX_INPUT_FILE_BYTES / (1024 * 1024)} MiB: point at the real settings file.`
        : 'Point at a readable TOML or JSON file.',
    path,
    cause: result.cause,
  });
}

function isJsonFile(path: string, text: string): boolean {
  const extension = extname(path).toLowerCase();
  if (extension === '.json') return true;
  if (extension === '.toml') return false;
  return text.trimStart().startsWith('{');
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const offset = findJsonErrorOffset(text);
    const { line, column } = lineAndColumn(text, offset < 0 ? text.length : offset);
    throw fileError({
      message: `The settings file is not valid JSON (line ${line}, column ${column}).`,
      fix: 'Fix the JSON syntax at that position (quote keys and strings, no trailing commas).',
      path,
      line,
      // No `cause`: V8's SyntaxError message quotes the text, which may hold a key.
    });
  }
}

function parseTomlText(text: string, path: string): unknown {
  try {
    return parseToml(text) as unknown;
  } catch (error) {
    if (error instanceof TomlError) {
      // The first line only: smol-toml appends a code block that may show a secret.
      const reason = (error.message.split('\n')[0] ?? 'invalid TOML').replace(
        /^Invalid TOML document:\s*/,
        '',
      );
      throw fileError({
        message: `The settings file is not valid TOML (line ${error.line}, column ${error.column}): ${reason}.`,
        fix: 'Fix the TOML syntax at that line (strings need quotes, e.g. api_version = "2025-04-01-preview").',
        path,
        line: error.line,
      });
    }
    throw error;
  }
}

function selectProvider(providers: unknown, text: string, path: string): Record<string, unknown> {
  const entries = Array.isArray(providers) ? providers : [providers];
  const headerLines = findProviderHeaderLines(text);
  const found: string[] = [];
  for (const [index, entry] of entries.entries()) {
    if (!isPlainObject(entry)) continue;
    const name = typeof entry.name === 'string' ? entry.name.trim() : undefined;
    const module = typeof entry.module === 'string' ? entry.module.trim() : undefined;
    if ((name && PROVIDER_NAMES.includes(name)) || (module && PROVIDER_MODULES.includes(module))) {
      const config = entry.config;
      if (config === undefined) return {};
      if (!isPlainObject(config)) {
        throw fileError({
          message: 'The Azure OpenAI provider entry has a `config` that is not a table.',
          fix: `Write it as a table:\n${PROVIDER_EXAMPLE}`,
          path,
          line: headerLines[index],
        });
      }
      return { ...config };
    }
    const label = name ?? module;
    if (label) found.push(JSON.stringify(label));
  }
  throw fileError({
    message: `The settings file has no provider entry with name = "azure-openai" or module = "provider-azure-openai"${
      found.length > 0 ? ` (found: ${found.join(', ')})` : ''
    }.`,
    fix: `Add an entry:\n${PROVIDER_EXAMPLE}`,
    path,
    line: headerLines[0],
  });
}

/** 1-based lines of each `[[providers]]` header, in order (TOML files). */
function findProviderHeaderLines(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (/^\s*\[\[\s*providers\s*\]\]/.test(line)) lines.push(index + 1);
  });
  return lines;
}

function fileError(options: {
  code?: ConfigProblem['code'];
  message: string;
  fix: string;
  path: string;
  line?: number | undefined;
  cause?: unknown;
}): ConfigError {
  const problem: ConfigProblem = {
    key: 'settings_file',
    source: 'file',
    code: options.code ?? 'invalid',
    message: options.message,
    fix: options.fix,
    path: options.path,
    ...(options.line === undefined ? {} : { line: options.line }),
  };
  return new ConfigError({ problems: [problem], cause: options.cause });
}

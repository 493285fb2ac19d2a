import { isAbsolute, resolve } from 'node:path';
import {
  jsonTextDepth,
  MAX_INPUT_FILE_BYTES,
  MAX_JSON_DEPTH,
  readBoundedFile,
} from '@amplifier-azure-openai/config';
import type { ToolSpec } from '@amplifier-azure-openai/provider';
import { ToolsFileError } from './tools-file-error.js';

const EXAMPLE =
  '[{"name":"get_weather","description":"Current weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks one entry of a tools file and returns it as an Amplifier `ToolSpec`. Accepts the
 * Amplifier forms (`parameters` or `input_schema`) and the Chat Completions wrapper
 * (`{ "type": "function", "function": { name, parameters } }`).
 */
export function toToolSpec(entry: unknown, index: number, path: string): ToolSpec {
  const fail = (message: string, fix: string): never => {
    throw new ToolsFileError({ path, message: `tools[${index}] ${message}`, fix });
  };
  if (!isObject(entry)) return fail('is not an object.', `Write each tool as ${EXAMPLE}.`);
  const spec = entry.type === 'function' && isObject(entry.function) ? entry.function : entry;
  const name = spec.name;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
    return fail(
      'has no valid "name".',
      'Give it a "name" of 1-64 letters, digits, "_" or "-", e.g. "get_weather".',
    );
  }
  const schema = spec.parameters ?? spec.input_schema;
  if (spec.parameters !== undefined && spec.input_schema !== undefined) {
    fail(`("${name}") has both "parameters" and "input_schema".`, 'Keep only one of them.');
  }
  if (schema !== undefined && !isObject(schema)) {
    fail(
      `("${name}") has a schema that is not an object.`,
      'Write "parameters" (or "input_schema") as a JSON Schema object, e.g. {"type":"object","properties":{}}.',
    );
  }
  if (spec.description !== undefined && typeof spec.description !== 'string') {
    fail(`("${name}") has a "description" that is not a string.`, 'Write the description as text.');
  }
  if (spec.strict !== undefined && typeof spec.strict !== 'boolean') {
    fail(`("${name}") has a "strict" that is not true/false.`, 'Write "strict": true or false.');
  }
  const tool: ToolSpec = { name };
  if (typeof spec.description === 'string') tool.description = spec.description;
  if (isObject(spec.parameters)) tool.parameters = spec.parameters;
  if (isObject(spec.input_schema)) tool.input_schema = spec.input_schema;
  if (typeof spec.strict === 'boolean') tool.strict = spec.strict;
  return tool;
}

/**
 * Reads a `--tools` file: a JSON array of tool specs. Names must be unique. The file must be a
 * regular file of at most 1 MiB, nested at most 64 levels deep.
 *
 * @throws {@link ToolsFileError} (exit code 2) naming the file and the bad entry.
 */
export function loadToolsFile(path: string, cwd: string): ToolSpec[] {
  const fullPath = isAbsolute(path) ? path : resolve(cwd, path);
  const read = readBoundedFile(fullPath);
  if (!read.ok) {
    throw new ToolsFileError({
      path,
      message:
        read.problem === 'missing'
          ? 'The tools file does not exist.'
          : `The tools file cannot be used: ${read.message}.`,
      fix:
        read.problem === 'too-large'
          ? `Tools files are at most ${MAX_INPUT_FILE_BYTES / (1024 * 1024)} MiB.`
          : `Pass a JSON file holding an array of tool specs, e.g. ${EXAMPLE}`,
    });
  }
  const text = read.text;
  if (jsonTextDepth(text) > MAX_JSON_DEPTH) {
    throw new ToolsFileError({
      path,
      message: `The tools file nests objects/arrays more than ${MAX_JSON_DEPTH} levels deep.`,
      fix: `Flatten the tool schemas: at most ${MAX_JSON_DEPTH} levels of nesting are accepted.`,
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ToolsFileError({
      path,
      message: 'The tools file is not valid JSON.',
      fix: `Write a JSON array of tool specs, e.g. ${EXAMPLE}`,
    });
  }
  const entries = isObject(document) && Array.isArray(document.tools) ? document.tools : document;
  if (!Array.isArray(entries)) {
    throw new ToolsFileError({
      path,
      message: 'The tools file must hold a JSON array of tool specs.',
      fix: `Wrap the tools in [ ... ], e.g. ${EXAMPLE}`,
    });
  }
  const tools = entries.map((entry, index) => toToolSpec(entry, index, path));
  const seen = new Set<string>();
  tools.forEach((tool, index) => {
    if (seen.has(tool.name)) {
      throw new ToolsFileError({
        path,
        message: `tools[${index}] repeats the name "${tool.name}".`,
        fix: 'Give every tool a unique name.',
      });
    }
    seen.add(tool.name);
  });
  return tools;
}

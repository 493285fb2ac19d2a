import { closestKey } from './closest-key.js';
import { describeValue, isPlainObject, parseTableText } from './parse-values.js';
import { Secret } from './secret.js';
import type { ConfigProblem } from './types.js';

/** The Azure OpenAI Responses hosted ("native") tool types this provider can declare. */
export const NATIVE_TOOL_TYPES = [
  'web_search',
  'web_search_preview',
  'file_search',
  'code_interpreter',
  'image_generation',
  'mcp',
] as const;

/** One hosted tool type (see {@link NATIVE_TOOL_TYPES}). */
export type NativeToolType = (typeof NATIVE_TOOL_TYPES)[number];

/**
 * One hosted tool declaration, as the Responses `tools` entry it becomes. Fields besides `type`
 * are passed through unchanged, except an `mcp` tool's `headers` values and `authorization`,
 * which are held as {@link Secret}s (they carry tokens) and revealed only in the request body.
 */
export interface NativeToolConfig {
  readonly type: NativeToolType;
  readonly [field: string]: unknown;
}

/** The outcome of {@link normalizeNativeTools}. */
export interface NativeToolsResult {
  value: readonly NativeToolConfig[];
  problems: ConfigProblem[];
}

const SEARCH_CONTEXT_SIZES = ['low', 'medium', 'high'];
const APPROVALS = ['always', 'never'];

function problem(key: string, message: string, fix: string): ConfigProblem {
  return { key, source: 'config', code: 'invalid', message, fix };
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** The entries of `native_tools`: a list, JSON text of one, or comma-separated type names. */
function entriesOf(raw: unknown): unknown[] | undefined {
  const parsed = parseTableText(raw);
  if (Array.isArray(parsed)) return parsed;
  if (typeof parsed === 'string') {
    return parsed
      .split(',')
      .map(part => part.trim())
      .filter(part => part !== '');
  }
  if (isPlainObject(parsed) && typeof parsed.type === 'string') return [parsed];
  return undefined;
}

/**
 * Normalizes `native_tools` (config key, or a request's `native_tools`): a list whose entries are
 * a type name (`"web_search"`) or a table `{ type = "file_search", vector_store_ids = [...] }`;
 * JSON text of such a list and comma-separated type names are accepted too. Each problem names
 * the bad entry (`native_tools[1].vector_store_ids`) and how to fix it:
 * - the type must be one of {@link NATIVE_TOOL_TYPES};
 * - `file_search` needs `vector_store_ids` (non-empty list of ids);
 * - `code_interpreter` gets `container = { type = "auto" }` unless one is given (an id or a table);
 * - `mcp` needs `server_label` (letters, digits, `_`, `-`) and an http(s) `server_url`;
 *   `require_approval` is `always`, `never` or a table; `headers` is a table of text;
 * - `web_search` / `web_search_preview` take `search_context_size` low, medium or high;
 * - a type (or an `mcp` server label) may be declared once.
 *
 * @param key the name used in problems (`native_tools`, or e.g. `metadata.native_tools`).
 */
export function normalizeNativeTools(raw: unknown, key = 'native_tools'): NativeToolsResult {
  const problems: ConfigProblem[] = [];
  const entries = entriesOf(raw);
  if (entries === undefined) {
    problems.push(
      problem(
        key,
        `${key} must be a list of hosted tools; got ${describeValue(parseTableText(raw))}.`,
        `Write it as a list, e.g. ${key} = ["web_search", { type = "code_interpreter" }].`,
      ),
    );
    return { value: Object.freeze([]), problems };
  }
  const tools: NativeToolConfig[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < entries.length; i++) {
    const path = `${key}[${i}]`;
    const tool = normalizeEntry(entries[i], path, problems);
    if (tool === undefined) continue;
    const identity = tool.type === 'mcp' ? `mcp:${String(tool.server_label)}` : tool.type;
    if (seen.has(identity)) {
      problems.push(
        problem(
          path,
          tool.type === 'mcp'
            ? `${path} declares the mcp server_label ${JSON.stringify(tool.server_label)} a second time.`
            : `${path} declares ${tool.type} a second time.`,
          tool.type === 'mcp'
            ? 'Give each MCP server its own server_label.'
            : `Declare ${tool.type} once (merge the options into one entry).`,
        ),
      );
      continue;
    }
    seen.add(identity);
    tools.push(Object.freeze(tool));
  }
  return { value: Object.freeze(tools), problems };
}

function normalizeEntry(
  raw: unknown,
  path: string,
  problems: ConfigProblem[],
): NativeToolConfig | undefined {
  const entry = typeof raw === 'string' ? { type: raw.trim() } : raw;
  if (!isPlainObject(entry)) {
    problems.push(
      problem(
        path,
        `${path} must be a tool type name or a table with a type; got ${describeValue(entry)}.`,
        `Use one of ${NATIVE_TOOL_TYPES.join(', ')}, or a table such as { type = "web_search" }.`,
      ),
    );
    return undefined;
  }
  const type = entry.type;
  if (typeof type !== 'string' || !(NATIVE_TOOL_TYPES as readonly string[]).includes(type)) {
    const near = typeof type === 'string' ? closestKey(type, NATIVE_TOOL_TYPES) : undefined;
    problems.push(
      problem(
        `${path}.type`,
        `${path}.type ${typeof type === 'string' ? JSON.stringify(type) : describeValue(type)} is not a hosted tool type this provider knows.`,
        `${near === undefined ? '' : `Did you mean "${near}"? `}Use one of ${NATIVE_TOOL_TYPES.join(', ')}; declare your own tools as function tools instead.`,
      ),
    );
    return undefined;
  }
  let copy: Record<string, unknown>;
  try {
    copy = JSON.parse(JSON.stringify(entry)) as Record<string, unknown>;
  } catch {
    problems.push(
      problem(
        path,
        `${path} is not JSON-serialisable (a cycle or a BigInt).`,
        'Use only tables, lists, strings, numbers and booleans.',
      ),
    );
    return undefined;
  }
  const before = problems.length;
  switch (type as NativeToolType) {
    case 'web_search':
    case 'web_search_preview':
      if (
        copy.search_context_size !== undefined &&
        !SEARCH_CONTEXT_SIZES.includes(copy.search_context_size as string)
      ) {
        problems.push(
          problem(
            `${path}.search_context_size`,
            `${path}.search_context_size must be one of low, medium, high; got ${describeValue(copy.search_context_size)}.`,
            'Set search_context_size to "low", "medium" or "high", or leave it out.',
          ),
        );
      }
      break;
    case 'file_search': {
      const ids = copy.vector_store_ids;
      if (!Array.isArray(ids) || ids.length === 0 || !ids.every(isNonEmptyString)) {
        problems.push(
          problem(
            `${path}.vector_store_ids`,
            `${path}.vector_store_ids must be a non-empty list of vector store ids; got ${describeValue(ids)}.`,
            'Set vector_store_ids = ["vs_..."] (the ids of vector stores in your Azure OpenAI resource).',
          ),
        );
      }
      break;
    }
    case 'code_interpreter': {
      const container = copy.container;
      if (container === undefined) copy.container = { type: 'auto' };
      else if (!isNonEmptyString(container) && !isPlainObject(container)) {
        problems.push(
          problem(
            `${path}.container`,
            `${path}.container must be a container id or a table such as { type = "auto" }; got ${describeValue(container)}.`,
            'Leave container out (an automatic container is used) or set it to { type = "auto" }.',
          ),
        );
      }
      break;
    }
    case 'image_generation':
      break;
    case 'mcp':
      normalizeMcp(copy, entry, path, problems);
      break;
  }
  return problems.length === before ? (copy as NativeToolConfig) : undefined;
}

function normalizeMcp(
  copy: Record<string, unknown>,
  entry: Record<string, unknown>,
  path: string,
  problems: ConfigProblem[],
): void {
  if (!isNonEmptyString(copy.server_label) || !/^[A-Za-z0-9_-]+$/.test(copy.server_label)) {
    problems.push(
      problem(
        `${path}.server_label`,
        `${path}.server_label must be a name of letters, digits, _ and -; got ${describeValue(copy.server_label)}.`,
        'Set server_label to a short name for the MCP server, e.g. "docs".',
      ),
    );
  }
  if (!isNonEmptyString(copy.server_url) || !/^https?:\/\/\S+$/i.test(copy.server_url)) {
    problems.push(
      problem(
        `${path}.server_url`,
        `${path}.server_url must be the http(s) URL of a remote MCP server; got ${describeValue(copy.server_url)}.`,
        'Set server_url, e.g. "https://mcp.example.com/mcp".',
      ),
    );
  }
  const approval = copy.require_approval;
  if (
    approval !== undefined &&
    !APPROVALS.includes(approval as string) &&
    !isPlainObject(approval)
  ) {
    problems.push(
      problem(
        `${path}.require_approval`,
        `${path}.require_approval must be "always", "never" or a table; got ${describeValue(approval)}.`,
        'Set require_approval = "never" to let the model call the server without asking.',
      ),
    );
  }
  if (copy.headers !== undefined) {
    const headers = entry.headers;
    if (!isPlainObject(headers)) {
      problems.push(
        problem(
          `${path}.headers`,
          `${path}.headers must be a table of header name -> text.`,
          'Write headers = { Authorization = "Bearer ..." }.',
        ),
      );
    } else {
      const held: Record<string, Secret> = {};
      for (const [name, value] of Object.entries(headers)) {
        if (typeof value === 'string') held[name] = new Secret(value);
        else if (value instanceof Secret) held[name] = value;
        else {
          problems.push(
            problem(
              `${path}.headers.${name}`,
              `${path}.headers.${name} must be text.`,
              `Set ${name} to a string.`,
            ),
          );
        }
      }
      copy.headers = Object.freeze(held);
    }
  }
  if (copy.authorization !== undefined) {
    const authorization = entry.authorization;
    if (typeof authorization === 'string') copy.authorization = new Secret(authorization);
    else if (authorization instanceof Secret) copy.authorization = authorization;
    else {
      problems.push(
        problem(
          `${path}.authorization`,
          `${path}.authorization must be text.`,
          'Set authorization to the OAuth access token of the MCP server.',
        ),
      );
    }
  }
}

/**
 * The Responses `tools` entry of a declaration, with `mcp` secrets revealed (for the request
 * body only: never log the result).
 */
export function nativeToolBody(tool: NativeToolConfig): Record<string, unknown> {
  const body: Record<string, unknown> = { ...tool };
  if (isPlainObject(tool.headers)) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(tool.headers)) {
      headers[name] = value instanceof Secret ? value.reveal() : String(value);
    }
    body.headers = headers;
  }
  if (tool.authorization instanceof Secret) body.authorization = tool.authorization.reveal();
  return body;
}

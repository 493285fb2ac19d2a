import { type ErrorAnswer, invalidRequest } from './azure-errors.js';
import type { IdFactory } from './ids.js';
import { isRecord, type JsonObject } from './is-record.js';
import type { DeploymentConfig } from './types.js';

/** The hosted (server-side) tool types the emulator accepts in `tools`. */
export const HOSTED_TOOL_TYPES: readonly string[] = [
  'web_search',
  'web_search_2025_08_26',
  'web_search_preview',
  'web_search_preview_2025_03_11',
  'file_search',
  'code_interpreter',
  'image_generation',
  'mcp',
];

/**
 * Every tool type the Responses API knows (the OpenAPI spec's `Tool` union), as its "Supported
 * values" error lists them; the ones not in {@link HOSTED_TOOL_TYPES} are accepted, not modelled.
 */
const TOOL_TYPES = [
  'function',
  'custom',
  ...HOSTED_TOOL_TYPES,
  'computer',
  'computer_use_preview',
  'local_shell',
  'shell',
  'apply_patch',
  'namespace',
  'tool_search',
  'programmatic_tool_calling',
];

/** The output item types of hosted tools. */
export type HostedItemType =
  | 'web_search_call'
  | 'file_search_call'
  | 'code_interpreter_call'
  | 'image_generation_call'
  | 'mcp_call'
  | 'mcp_list_tools'
  | 'mcp_approval_request';

/** A hosted tool's output item. */
export interface HostedItem extends JsonObject {
  id: string;
  type: HostedItemType;
}

/** The fields the OpenAPI spec requires of each hosted item (input or output). */
const REQUIRED_ITEM_FIELDS: Readonly<Record<string, readonly string[]>> = {
  web_search_call: ['id', 'status', 'action'],
  file_search_call: ['id', 'status', 'queries'],
  code_interpreter_call: ['id', 'status', 'container_id', 'code', 'outputs'],
  image_generation_call: ['id', 'status', 'result'],
  mcp_call: ['id', 'server_label', 'name', 'arguments'],
  mcp_list_tools: ['id', 'server_label', 'tools'],
  mcp_approval_request: ['id', 'server_label', 'name', 'arguments'],
  mcp_approval_response: ['approval_request_id', 'approve'],
};

function missing(param: string): ErrorAnswer {
  return invalidRequest(
    `Missing required parameter: '${param}'.`,
    param,
    'missing_required_parameter',
  );
}

function toolTypeOf(tool: unknown): string | undefined {
  return isRecord(tool) && typeof tool.type === 'string' ? tool.type : undefined;
}

/**
 * Azure's checks of hosted tool declarations and hosted items, the first failure if any:
 * - a tool type the API does not know: 400 `invalid_value` "Invalid value: '…'. Supported values
 *   are: …" (`tools[i].type`);
 * - a required field missing (`file_search` `vector_store_ids`, `code_interpreter` `container`,
 *   `mcp` `server_label`, and `server_url` or `connector_id`): 400 `missing_required_parameter`;
 * - a hosted tool the deployment does not offer (`DeploymentConfig.hostedTools`): 400
 *   `unsupported_value` "Hosted tool '…' is not supported with …" (emulator wording);
 * - a `tool_choice` forcing a hosted tool that `tools` does not declare: 400 "Tool choice '…'
 *   not found in 'tools' parameter." (`tool_choice`);
 * - a hosted item in `input` without a field the spec requires (`input[i].status`, ...).
 */
export function checkHostedTools(
  body: Record<string, unknown>,
  deployment: DeploymentConfig,
): ErrorAnswer | undefined {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  for (let i = 0; i < tools.length; i++) {
    const tool = tools[i] as unknown;
    const type = toolTypeOf(tool);
    if (type === undefined) return missing(`tools[${i}].type`);
    if (!TOOL_TYPES.includes(type)) {
      return invalidRequest(
        `Invalid value: '${type}'. Supported values are: ${TOOL_TYPES.map(t => `'${t}'`).join(', ')}.`,
        `tools[${i}].type`,
        'invalid_value',
      );
    }
    if (!HOSTED_TOOL_TYPES.includes(type) || !isRecord(tool)) continue;
    if (type === 'file_search' && !Array.isArray(tool.vector_store_ids)) {
      return missing(`tools[${i}].vector_store_ids`);
    }
    if (type === 'code_interpreter' && tool.container === undefined) {
      return missing(`tools[${i}].container`);
    }
    if (type === 'mcp') {
      if (typeof tool.server_label !== 'string') return missing(`tools[${i}].server_label`);
      if (typeof tool.server_url !== 'string' && typeof tool.connector_id !== 'string') {
        return missing(`tools[${i}].server_url`);
      }
    }
    const offered = deployment.hostedTools;
    const family = type.replace(/_\d{4}_\d{2}_\d{2}$/, '');
    if (offered !== undefined && !offered.includes(family)) {
      return invalidRequest(
        `Hosted tool '${type}' is not supported with ${deployment.model}.`,
        `tools[${i}].type`,
        'unsupported_value',
      );
    }
  }
  const forced = forcedHostedType(body);
  if (forced !== undefined && !tools.some(tool => toolTypeOf(tool)?.startsWith(forced))) {
    return invalidRequest(
      `Tool choice '${forced}' not found in 'tools' parameter.`,
      'tool_choice',
      null,
    );
  }
  const input = Array.isArray(body.input) ? body.input : [];
  for (let i = 0; i < input.length; i++) {
    const item = input[i] as unknown;
    if (!isRecord(item) || typeof item.type !== 'string') continue;
    const required = REQUIRED_ITEM_FIELDS[item.type];
    if (required === undefined) continue;
    for (const field of required) {
      if (item[field] === undefined || item[field] === null) return missing(`input[${i}].${field}`);
    }
  }
  return undefined;
}

/** The hosted tool type a `tool_choice` object forces (`web_search_preview`, `mcp`, ...), if any. */
function forcedHostedType(body: Record<string, unknown>): string | undefined {
  const choice = body.tool_choice;
  if (!isRecord(choice) || typeof choice.type !== 'string') return undefined;
  return HOSTED_TOOL_TYPES.includes(choice.type) ? choice.type : undefined;
}

/** What hosted items the scripted model answers with. */
export interface HostedPlan {
  items: HostedItem[];
  /** One sentence saying what the hosted tools did (prefix of the answer text). */
  note: string;
  /** The response ends with an `mcp_approval_request`: no answer text until it is approved. */
  awaitingApproval: boolean;
}

/** A 1x1 transparent PNG: the emulator's generated image. */
export const EMULATOR_IMAGE_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const TRIGGERS: ReadonlyArray<readonly [string, RegExp]> = [
  ['web_search', /\b(web_search|search the web|web search|search online)\b/i],
  ['file_search', /\b(file_search|file search|search (?:my|the) files)\b/i],
  ['code_interpreter', /\b(code_interpreter|code interpreter|run (?:python|code))\b/i],
  ['image_generation', /\b(image_generation|generate an image|draw)\b/i],
  ['mcp', /\b(mcp|ask the server)\b/i],
];

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= 120 ? flat : flat.slice(0, 120);
}

/**
 * The hosted items the scripted model produces for the last user text, given the declared hosted
 * tools, or `undefined` for none. A tool runs when `tool_choice` forces it, or when the text names
 * it (`web_search`, `code_interpreter`, ...) or asks for it ("search the web", "run python",
 * "generate an image", "search my files", "ask the server" / "mcp"). `web_search_call` items end with status
 * `searching`, as Azure returns them. An `mcp` server with `require_approval` other than `never`
 * answers with `mcp_list_tools` (once per conversation) and an `mcp_approval_request`; an
 * `mcp_approval_response` at the end of the input answers with the `mcp_call` (or, refused, none).
 */
export function planHostedItems(
  body: Record<string, unknown>,
  userText: string,
  ids: IdFactory,
): HostedPlan | undefined {
  const tools = (Array.isArray(body.tools) ? body.tools : []).filter(isRecord);
  if (body.tool_choice === 'none') return undefined;
  const input = Array.isArray(body.input) ? body.input.filter(isRecord) : [];
  const last = input.at(-1);
  if (last?.type === 'mcp_approval_response') return answerApproval(last, input, ids);
  const items: HostedItem[] = [];
  let awaitingApproval = false;
  const query = shorten(userText);
  const forced = forcedHostedType(body);
  for (const [family, trigger] of TRIGGERS) {
    if (!forced?.startsWith(family) && !trigger.test(userText)) continue;
    const tool = tools.find(t => typeof t.type === 'string' && t.type.startsWith(family));
    if (tool === undefined) continue;
    switch (family) {
      case 'web_search':
        items.push({
          id: ids.item('ws'),
          type: 'web_search_call',
          status: 'searching',
          action: { type: 'search', query },
        });
        break;
      case 'file_search':
        items.push({
          id: ids.item('fs'),
          type: 'file_search_call',
          status: 'completed',
          queries: [query],
          results: null,
        });
        break;
      case 'code_interpreter':
        items.push({
          id: ids.item('ci'),
          type: 'code_interpreter_call',
          status: 'completed',
          code: `print(${JSON.stringify(query)})`,
          container_id: typeof tool.container === 'string' ? tool.container : 'cntr_emulator',
          outputs: [{ type: 'logs', logs: `${query}\n` }],
        });
        break;
      case 'image_generation':
        items.push({
          id: ids.item('ig'),
          type: 'image_generation_call',
          status: 'completed',
          result: EMULATOR_IMAGE_BASE64,
        });
        break;
      default: {
        const label = String(tool.server_label);
        const listed = input.some(i => i.type === 'mcp_list_tools' && i.server_label === label);
        if (!listed) {
          items.push({
            id: ids.item('mcpl'),
            type: 'mcp_list_tools',
            server_label: label,
            tools: [
              {
                name: 'search',
                description: 'Searches the server.',
                input_schema: { type: 'object', properties: { query: { type: 'string' } } },
                annotations: null,
              },
            ],
            error: null,
          });
        }
        const args = JSON.stringify({ query });
        if (tool.require_approval === 'never') {
          items.push(mcpCall(ids, label, args, undefined));
        } else {
          items.push({
            id: ids.item('mcpr'),
            type: 'mcp_approval_request',
            server_label: label,
            name: 'search',
            arguments: args,
          });
          awaitingApproval = true;
        }
      }
    }
  }
  if (items.length === 0) return undefined;
  return {
    items,
    note: `Used ${items.map(item => item.type).join(', ')}.`,
    awaitingApproval,
  };
}

function mcpCall(
  ids: IdFactory,
  label: string,
  args: string,
  approvalRequestId: string | undefined,
): HostedItem {
  return {
    id: ids.item('mcp'),
    type: 'mcp_call',
    server_label: label,
    name: 'search',
    arguments: args,
    output: `${label} found 1 result for ${args}`,
    error: null,
    status: 'completed',
    approval_request_id: approvalRequestId ?? null,
  };
}

function answerApproval(
  response: JsonObject,
  input: readonly JsonObject[],
  ids: IdFactory,
): HostedPlan | undefined {
  const request = input.find(
    item => item.type === 'mcp_approval_request' && item.id === response.approval_request_id,
  );
  if (request === undefined) return undefined;
  if (response.approve !== true) {
    return { items: [], note: 'The MCP call was not approved.', awaitingApproval: false };
  }
  const label = String(request.server_label);
  return {
    items: [mcpCall(ids, label, String(request.arguments), String(request.id))],
    note: 'Used mcp_call.',
    awaitingApproval: false,
  };
}

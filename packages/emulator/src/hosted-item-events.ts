import type { HostedItem } from './hosted-tools.js';
import type { StreamEvent } from './stream-events.js';

/** The in-progress phase event of each hosted item type, between `in_progress` and `completed`. */
const PHASE: Readonly<Record<string, string | undefined>> = {
  web_search_call: 'searching',
  file_search_call: 'searching',
  code_interpreter_call: 'interpreting',
  image_generation_call: 'generating',
};

/** The event name prefix of a hosted item type (`response.web_search_call`, ...). */
function prefixOf(item: HostedItem): string | undefined {
  return item.type === 'mcp_approval_request' ? undefined : `response.${item.type}`;
}

/**
 * The stream events of one hosted tool item, in the service's order: `output_item.added` (status
 * `in_progress`), `response.<type>.in_progress`, the phase event (`searching`, `interpreting`,
 * `generating`), the code / MCP argument deltas, `response.<type>.completed`, then
 * `output_item.done` with the final item. An `mcp_approval_request` is only added and done.
 */
export function* hostedItemEvents(item: HostedItem, outputIndex: number): Generator<StreamEvent> {
  const base = { output_index: outputIndex, item_id: item.id };
  const added: Record<string, unknown> = { ...item };
  if ('status' in item) added.status = 'in_progress';
  if (item.type === 'code_interpreter_call') {
    added.code = '';
    added.outputs = null;
  }
  if (item.type === 'mcp_call') added.arguments = '';
  if (item.type === 'mcp_call' || item.type === 'mcp_list_tools') added.status = 'in_progress';
  yield { type: 'response.output_item.added', output_index: outputIndex, item: added };
  const prefix = prefixOf(item);
  if (prefix !== undefined) {
    yield { type: `${prefix}.in_progress`, ...base };
    if (item.type === 'code_interpreter_call' && typeof item.code === 'string') {
      yield { type: 'response.code_interpreter_call_code.delta', ...base, delta: item.code };
      yield { type: 'response.code_interpreter_call_code.done', ...base, code: item.code };
    }
    if (item.type === 'mcp_call' && typeof item.arguments === 'string') {
      yield { type: 'response.mcp_call_arguments.delta', ...base, delta: item.arguments };
      yield { type: 'response.mcp_call_arguments.done', ...base, arguments: item.arguments };
    }
    const phase = PHASE[item.type];
    if (phase !== undefined) yield { type: `${prefix}.${phase}`, ...base };
    yield { type: `${prefix}.completed`, ...base };
  }
  yield { type: 'response.output_item.done', output_index: outputIndex, item };
}

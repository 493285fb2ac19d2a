/**
 * Hosted tools in the emulator: declarations are checked like Azure checks them (Azure-shaped 400
 * bodies), a user text that asks for a declared hosted tool is answered with its output item (and
 * its stream events), and replayed items are checked (ids issued, required fields present).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.js';
import type { Emulator } from '../src/types.js';
import { parseSse, rawPost } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    deployments: {
      'gpt-4o': { model: 'gpt-4o' },
      'gpt-5': { model: 'gpt-5', reasoning: true },
      'no-search': { model: 'gpt-4o-mini', hostedTools: ['code_interpreter'] },
    },
  });
});
afterAll(async () => {
  await emulator.close();
});

interface Item extends Record<string, unknown> {
  type: string;
  id: string;
  content: Array<{ text: string }>;
}
interface AnswerBody {
  error: Record<string, unknown> & { message: string };
  output: Item[];
}

async function post(body: Record<string, unknown>) {
  const answer = await rawPost(emulator, '/openai/v1/responses', JSON.stringify(body));
  const streamed = body.stream === true;
  return {
    status: answer.status,
    text: answer.text,
    body: (streamed ? {} : answer.json()) as AnswerBody,
  };
}

describe('hosted tool declarations', () => {
  it.each([
    [
      [{ type: 'web_serch' }],
      'tools[0].type',
      'invalid_value',
      "Invalid value: 'web_serch'. Supported values are: 'function', 'custom', 'web_search'",
    ],
    [
      [{ type: 'file_search' }],
      'tools[0].vector_store_ids',
      'missing_required_parameter',
      "Missing required parameter: 'tools[0].vector_store_ids'.",
    ],
    [
      [{ type: 'web_search' }, { type: 'code_interpreter' }],
      'tools[1].container',
      'missing_required_parameter',
      "Missing required parameter: 'tools[1].container'.",
    ],
    [
      [{ type: 'mcp', server_label: 'docs' }],
      'tools[0].server_url',
      'missing_required_parameter',
      "Missing required parameter: 'tools[0].server_url'.",
    ],
  ])('refuses %j with a 400 naming %s', async (tools, param, code, message) => {
    const { status, body } = await post({ model: 'gpt-4o', input: 'hi', tools });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param, code });
    expect(body.error.message).toContain(message);
  });

  it('refuses a hosted tool the deployment does not offer', async () => {
    const { status, body } = await post({
      model: 'no-search',
      input: 'hi',
      tools: [{ type: 'web_search_preview' }],
    });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      param: 'tools[0].type',
      code: 'unsupported_value',
      message: "Hosted tool 'web_search_preview' is not supported with gpt-4o-mini.",
    });
  });

  it('refuses a tool_choice forcing a hosted tool that is not declared, and runs it when it is', async () => {
    const refused = await post({
      model: 'gpt-4o',
      input: 'hi',
      tool_choice: { type: 'code_interpreter' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      param: 'tool_choice',
      message: "Tool choice 'code_interpreter' not found in 'tools' parameter.",
    });
    const forced = await post({
      model: 'gpt-4o',
      input: 'hi',
      tools: [{ type: 'web_search_preview' }],
      tool_choice: { type: 'web_search_preview' },
    });
    expect(forced.body.output.map(item => item.type)).toEqual(['web_search_call', 'message']);
  });

  it('refuses a replayed hosted item without a required field', async () => {
    const { status, body } = await post({
      model: 'gpt-4o',
      input: [
        { role: 'user', content: 'hi' },
        { type: 'web_search_call', id: 'ws_1', action: { type: 'search' } },
      ],
    });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      param: 'input[1].status',
      code: 'missing_required_parameter',
    });
  });
});

describe('hosted tool answers', () => {
  it('answers "search the web" with a web_search_call and a message, and accepts the replay', async () => {
    const first = await post({
      model: 'gpt-4o',
      input: 'search the web for news',
      tools: [{ type: 'web_search_preview' }],
      store: false,
    });
    expect(first.status).toBe(200);
    const [search, message] = first.body.output;
    expect(search).toMatchObject({
      type: 'web_search_call',
      status: 'searching',
      action: { type: 'search', query: 'search the web for news' },
    });
    expect(search?.id).toMatch(/^ws_/);
    expect(message?.content[0]?.text).toBe('Used web_search_call. Echo: search the web for news');

    const replay = await post({
      model: 'gpt-4o',
      input: [
        { role: 'user', content: 'search the web for news' },
        search,
        { role: 'user', content: 'thanks' },
      ],
      store: false,
    });
    expect(replay.status).toBe(200);
    const forged = await post({
      model: 'gpt-4o',
      input: [
        { role: 'user', content: 'x' },
        { ...search, id: 'ws_forged' },
      ],
      store: false,
    });
    expect(forged.status).toBe(404);
  });

  it('streams a code_interpreter item with its own events, after the reasoning item', async () => {
    const answer = await post({
      model: 'gpt-5',
      input: 'run python please',
      tools: [{ type: 'code_interpreter', container: { type: 'auto' } }],
      stream: true,
    });
    const types = parseSse(answer.text).map(event => event.event);
    const at = types.indexOf('response.code_interpreter_call.in_progress');
    expect(types.slice(at - 1, at + 6)).toEqual([
      'response.output_item.added',
      'response.code_interpreter_call.in_progress',
      'response.code_interpreter_call_code.delta',
      'response.code_interpreter_call_code.done',
      'response.code_interpreter_call.interpreting',
      'response.code_interpreter_call.completed',
      'response.output_item.done',
    ]);
    const done = parseSse(answer.text).at(-1)?.data.response as AnswerBody;
    expect(done.output.map(item => item.type)).toEqual([
      'reasoning',
      'code_interpreter_call',
      'message',
    ]);
  });

  it('asks for MCP approval, then calls the server once approved', async () => {
    const tools = [{ type: 'mcp', server_label: 'docs', server_url: 'https://mcp.example.com' }];
    const first = await post({ model: 'gpt-4o', input: 'ask the server', tools });
    expect(first.body.output.map(item => item.type)).toEqual([
      'mcp_list_tools',
      'mcp_approval_request',
    ]);
    const request = first.body.output[1];
    const second = await post({
      model: 'gpt-4o',
      input: [
        { role: 'user', content: 'ask the server' },
        ...first.body.output,
        { type: 'mcp_approval_response', approval_request_id: request?.id, approve: true },
      ],
      tools,
    });
    expect(second.body.output[0]).toMatchObject({
      type: 'mcp_call',
      server_label: 'docs',
      approval_request_id: request?.id,
      status: 'completed',
    });
    expect(second.body.output[1]?.type).toBe('message');
  });

  it('calls the MCP server at once with require_approval never, and draws images', async () => {
    const answer = await post({
      model: 'gpt-4o',
      input: 'mcp lookup and draw a cat',
      tools: [
        { type: 'image_generation' },
        {
          type: 'mcp',
          server_label: 'docs',
          server_url: 'https://mcp.example.com',
          require_approval: 'never',
        },
      ],
    });
    expect(answer.body.output.map(item => item.type)).toEqual([
      'image_generation_call',
      'mcp_list_tools',
      'mcp_call',
      'message',
    ]);
  });
});

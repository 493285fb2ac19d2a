import { normalizeNativeTools } from '@amplifier-azure-openai/config';
import { validateResponsesRequest } from '@amplifier-azure-openai/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chatContext,
  DEFAULT_REQUEST_CONFIG,
  reasoningContext,
} from '../__fixtures__/request-context.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { nativeItemOfBlock } from '../response/native-tool-items.js';
import { parseResponse } from '../response/parse-response.js';
import type { ChatRequest, ContentBlock, Message } from '../types.js';
import { buildResponsesRequest, type RequestContext } from './build-responses-request.js';

const WEB_SEARCH = {
  id: 'ws_001',
  type: 'web_search_call',
  status: 'completed',
  action: { type: 'search', query: 'azure openai regions' },
};
const CODE = {
  id: 'ci_001',
  type: 'code_interpreter_call',
  status: 'completed',
  code: 'print(6 * 7)',
  container_id: 'cntr_1',
  outputs: [{ type: 'logs', logs: '42\n' }],
};
const REASONING = { id: 'rs_001', type: 'reasoning', summary: [], encrypted_content: 'enc-1' };
const MESSAGE = {
  id: 'msg_001',
  type: 'message',
  status: 'completed',
  role: 'assistant',
  content: [{ type: 'output_text', text: 'It is 42.', annotations: [] }],
};

function responseWith(output: unknown[]): Record<string, unknown> {
  return { id: 'resp_1', object: 'response', status: 'completed', model: 'gpt-5', output };
}

function build(request: ChatRequest, context: RequestContext) {
  const built = buildResponsesRequest(request, context);
  expect(validateResponsesRequest(built.body).errors).toEqual([]);
  return built;
}

beforeAll(() => {
  validateResponsesRequest({ model: 'warm-up', input: 'x' });
}, 120_000);

describe('hosted tool output items', () => {
  it('become reasoning blocks carrying the raw item, never tool calls or unknown items', () => {
    const chat = parseResponse(responseWith([REASONING, CODE, WEB_SEARCH, MESSAGE]), {
      deployment: 'd',
      model: 'gpt-5',
    });
    expect(chat.tool_calls).toBeUndefined();
    expect(chat.metadata?.unknown_output_items).toBeUndefined();
    expect(chat.content.map(block => block.type)).toEqual([
      'thinking',
      'reasoning',
      'reasoning',
      'text',
    ]);
    expect(chat.content[1]).toEqual({
      type: 'reasoning',
      content: [CODE],
      summary: ['code_interpreter (completed)'],
      visibility: 'internal',
      native_tool: 'code_interpreter_call',
      item_id: 'ci_001',
    });
    expect(chat.content[2]).toMatchObject({
      summary: ['web_search search: azure openai regions (completed)'],
    });
    expect(chat.finish_reason).toBe('stop');
  });

  it('are sent back unchanged, ids included, after the reasoning item they followed', () => {
    const first = parseResponse(responseWith([REASONING, CODE, MESSAGE]), {
      deployment: 'd',
      model: 'gpt-5',
    });
    // Through JSON and without vendor fields, as a bridge that keeps only the contract fields would.
    const content = (JSON.parse(JSON.stringify(first.content)) as ContentBlock[]).map(block => {
      const {
        native_tool: _tool,
        item_id: _id,
        ...rest
      } = block as unknown as Record<string, unknown>;
      return (block.type === 'reasoning' ? rest : block) as ContentBlock;
    });
    const messages: Message[] = [
      { role: 'user', content: 'run 6*7' },
      { role: 'assistant', content },
      { role: 'user', content: 'and again?' },
    ];
    const { body, warnings } = build({ messages }, reasoningContext());
    expect(warnings).toEqual([]);
    expect(body.input).toEqual([
      { type: 'message', role: 'user', content: 'run 6*7' },
      { type: 'reasoning', id: 'rs_001', summary: [], encrypted_content: 'enc-1' },
      CODE,
      {
        type: 'message',
        role: 'assistant',
        id: 'msg_001',
        status: 'completed',
        content: [{ type: 'output_text', text: 'It is 42.', annotations: [], logprobs: [] }],
      },
      { type: 'message', role: 'user', content: 'and again?' },
    ]);
  });

  it('sends an mcp_approval_response a user message carries', () => {
    const approval = {
      type: 'mcp_approval_response',
      approval_request_id: 'mcpr_1',
      approve: true,
    };
    const request = {
      id: 'mcpr_1',
      type: 'mcp_approval_request',
      server_label: 'docs',
      name: 'search',
      arguments: '{}',
    };
    const { body } = build(
      {
        messages: [
          { role: 'user', content: 'ask docs' },
          {
            role: 'assistant',
            content: [{ type: 'reasoning', content: [request], summary: ['x'] }],
          },
          { role: 'user', content: [{ type: 'reasoning', content: [approval], summary: [] }] },
        ],
      },
      chatContext(),
    );
    expect(body.input?.slice(1)).toEqual([request, approval]);
  });

  it('recognises only a one-item content of a hosted tool type with an id', () => {
    expect(nativeItemOfBlock({ type: 'reasoning', content: [WEB_SEARCH], summary: [] })).toBe(
      WEB_SEARCH,
    );
    expect(
      nativeItemOfBlock({ type: 'reasoning', content: [{ ...WEB_SEARCH, id: '' }], summary: [] }),
    ).toBeUndefined();
    expect(
      nativeItemOfBlock({ type: 'reasoning', content: [REASONING], summary: [] }),
    ).toBeUndefined();
    expect(nativeItemOfBlock({ type: 'text', text: 'x' })).toBeUndefined();
  });
});

describe('hosted tool declarations', () => {
  const config = {
    ...DEFAULT_REQUEST_CONFIG,
    nativeTools: normalizeNativeTools([
      'web_search_preview',
      { type: 'mcp', server_label: 'docs', server_url: 'https://mcp.example.com/mcp' },
    ]).value,
  };
  const tools = [{ name: 'get_weather', parameters: { type: 'object', properties: {} } }];

  it('follow the function tools in the body', () => {
    const { body } = build(
      { messages: [{ role: 'user', content: 'hi' }], tools },
      chatContext({ config }),
    );
    expect(body.tools?.map(tool => tool.type)).toEqual(['function', 'web_search_preview', 'mcp']);
    expect(body.tools?.[2]).toEqual({
      type: 'mcp',
      server_label: 'docs',
      server_url: 'https://mcp.example.com/mcp',
    });
  });

  it('are replaced by the request (metadata.native_tools), and [] turns them off', () => {
    const replaced = build(
      {
        messages: [{ role: 'user', content: 'hi' }],
        metadata: { native_tools: [{ type: 'code_interpreter' }] },
      },
      chatContext({ config }),
    );
    expect(replaced.body.tools).toEqual([
      { type: 'code_interpreter', container: { type: 'auto' } },
    ]);
    const off = build(
      { messages: [{ role: 'user', content: 'hi' }], metadata: { native_tools: [] } },
      chatContext({ config }),
    );
    expect(off.body.tools).toBeUndefined();
  });

  it('takes a tool_choice forcing a hosted tool, also without function tools', () => {
    const forced = build(
      {
        messages: [{ role: 'user', content: 'hi' }],
        tool_choice: { type: 'web_search_preview' },
      },
      chatContext({ config }),
    );
    expect(forced.body.tool_choice).toEqual({ type: 'web_search_preview' });
    expect(forced.warnings).toEqual([]);
    const mcp = build(
      {
        messages: [{ role: 'user', content: 'hi' }],
        tools,
        tool_choice: { type: 'mcp', server_label: 'docs' },
      },
      chatContext({ config }),
    );
    expect(mcp.body.tool_choice).toEqual({ type: 'mcp', server_label: 'docs' });
  });

  it('refuses a bad per-request entry with an InvalidRequestError naming it', () => {
    let caught: unknown;
    try {
      buildResponsesRequest(
        {
          messages: [{ role: 'user', content: 'hi' }],
          metadata: { native_tools: ['web_search', { type: 'file_search' }] },
        },
        chatContext(),
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidRequestError);
    expect((caught as InvalidRequestError).param).toBe('metadata.native_tools[1].vector_store_ids');
    expect((caught as InvalidRequestError).message).toContain('vector_store_ids');
  });
});

describe('hosted tool items after a reasoning item that cannot be sent', () => {
  it('are left out with a warning (Azure refuses them without it)', () => {
    const first = parseResponse(
      responseWith([{ id: 'rs_002', type: 'reasoning', summary: [] }, CODE, MESSAGE]),
      { deployment: 'd', model: 'gpt-5' },
    );
    const { body, warnings } = build(
      {
        messages: [
          { role: 'user', content: 'run 6*7' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: 'again' },
        ],
      },
      reasoningContext(),
    );
    const input = body.input as unknown as Array<Record<string, unknown>>;
    expect(input.map(item => item.type)).toEqual(['message', 'message', 'message']);
    expect(warnings.join('\n')).toContain(
      'code_interpreter_call item ci_001 is not sent: the reasoning item before it could not be sent',
    );
  });
});

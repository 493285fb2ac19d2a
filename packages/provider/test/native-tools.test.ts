/**
 * Hosted ("native") tools through the real stack: the real `openai` SDK against the emulator
 * (Azure's item pairing and id checks, store: false). A hosted tool's output item comes back as a
 * content block and is sent back unchanged, id included, on the next turn.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../src/errors/invalid-request-error.js';
import type { ChatRequest, ChatResponse, ContentBlock, Message } from '../src/index.js';
import { providerFor, startTestEmulator, TEST_DEPLOYMENTS, useTestEmulator } from './harness.js';

const emulator = useTestEmulator();

type Item = Record<string, unknown>;

function nativeItems(content: readonly ContentBlock[]): Item[] {
  return content.flatMap(block =>
    block.type === 'reasoning' && 'native_tool' in block ? [block.content[0] as Item] : [],
  );
}

function inputOf(index: number): Item[] {
  const body = emulator().recorder.responsesRequests()[index]?.body as { input: Item[] };
  return body.input;
}

async function twoTurns(
  first: ChatRequest,
  next: (response: ChatResponse) => Message[],
  settings: Record<string, unknown> = {},
): Promise<{ first: ChatResponse; second: ChatResponse }> {
  const { provider } = providerFor(emulator(), { settings });
  try {
    const one = await provider.complete(first);
    const two = await provider.complete({
      ...first,
      messages: [...first.messages, { role: 'assistant', content: one.content }, ...next(one)],
    });
    return { first: one, second: two };
  } finally {
    await provider.close();
  }
}

describe('hosted tools (real SDK, emulator)', () => {
  it('streams a web_search turn, keeps the item as a block and replays it unchanged', async () => {
    const { first, second } = await twoTurns(
      {
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'search the web for Azure OpenAI regions' }],
      },
      () => [{ role: 'user', content: 'thanks' }],
      { native_tools: ['web_search_preview'] },
    );
    expect(emulator().recorder.responsesRequests()[0]?.stream).toBe(true);
    const sent = emulator().recorder.responsesRequests()[0]?.body as { tools: Item[] };
    expect(sent.tools).toEqual([{ type: 'web_search_preview' }]);
    expect(first.tool_calls).toBeUndefined();
    const [search] = nativeItems(first.content);
    expect(search).toMatchObject({
      type: 'web_search_call',
      status: 'searching',
      action: { type: 'search', query: 'search the web for Azure OpenAI regions' },
    });
    expect(String(search?.id)).toMatch(/^ws_/);
    expect(first.content.at(-1)).toMatchObject({ type: 'text' });
    expect(first.metadata?.unknown_output_items).toBeUndefined();
    // The second turn carries the item exactly as it came, and Azure (the emulator) accepts it.
    expect(inputOf(1)[1]).toEqual(search);
    expect(second.finish_reason).toBe('stop');
  });

  it('replays a reasoning model code_interpreter turn (non-streaming, per request)', async () => {
    const request: ChatRequest = {
      model: 'gpt-5',
      messages: [{ role: 'user', content: 'run python to print hello' }],
      metadata: { stream: false, native_tools: ['code_interpreter'] },
    };
    const { first, second } = await twoTurns(request, () => [
      { role: 'user', content: 'once more' },
    ]);
    expect(first.content.map(block => block.type)).toEqual(['thinking', 'reasoning', 'text']);
    const [code] = nativeItems(first.content);
    expect(code).toMatchObject({ type: 'code_interpreter_call', status: 'completed' });
    const input = inputOf(1);
    const at = input.findIndex(item => item.type === 'code_interpreter_call');
    expect(input[at]).toEqual(code);
    // Azure's pairing rule: the reasoning item goes right before the item that followed it.
    expect(input[at - 1]).toMatchObject({ type: 'reasoning' });
    expect(second.finish_reason).toBe('stop');
  });

  it('answers an MCP approval request on the next turn', async () => {
    const mcp = { type: 'mcp', server_label: 'docs', server_url: 'https://mcp.example.com/mcp' };
    const { first, second } = await twoTurns(
      {
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'ask the server about quotas' }],
        metadata: { native_tools: [mcp] },
      },
      response => {
        const request = nativeItems(response.content).find(
          item => item.type === 'mcp_approval_request',
        );
        return [
          {
            role: 'user',
            content: [
              {
                type: 'reasoning',
                content: [
                  {
                    type: 'mcp_approval_response',
                    approval_request_id: request?.id,
                    approve: true,
                  },
                ],
                summary: [],
              },
            ],
          },
        ];
      },
    );
    expect(nativeItems(first.content).map(item => item.type)).toEqual([
      'mcp_list_tools',
      'mcp_approval_request',
    ]);
    expect(nativeItems(second.content)).toEqual([
      expect.objectContaining({ type: 'mcp_call', server_label: 'docs', status: 'completed' }),
    ]);
    expect(second.content.at(-1)).toMatchObject({ type: 'text' });
  });
});

describe('hosted tool credentials', () => {
  it('sends MCP headers to Azure but never puts them in debug or raw events', async () => {
    const { provider, sink } = providerFor(emulator(), {
      settings: {
        debug: true,
        raw_debug: true,
        native_tools: [
          {
            type: 'mcp',
            server_label: 'docs',
            server_url: 'https://mcp.example.com/mcp',
            require_approval: 'never',
            headers: { 'X-Docs-Key': 'sekrit-mcp-key' },
          },
        ],
      },
    });
    try {
      const answer = await provider.complete({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'ask the server about limits' }],
      });
      expect(nativeItems(answer.content).map(item => item.type)).toEqual([
        'mcp_list_tools',
        'mcp_call',
      ]);
      const sent = emulator().recorder.responsesRequests()[0]?.body as { tools: Item[] };
      expect(sent.tools[0]?.headers).toEqual({ 'X-Docs-Key': 'sekrit-mcp-key' });
      expect(sink.named('llm:request:raw')).toHaveLength(1);
      expect(JSON.stringify(sink.events)).not.toContain('sekrit');
    } finally {
      await provider.close();
    }
  });
});

describe('hosted tools Azure refuses', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('is an InvalidRequestError naming the tool when the deployment does not offer it', async () => {
    const limited = await startTestEmulator({
      deployments: { ...TEST_DEPLOYMENTS, 'gpt-4o': { model: 'gpt-4o', hostedTools: [] } },
    });
    close = () => limited.close();
    const { provider } = providerFor(limited, { settings: { native_tools: ['image_generation'] } });
    try {
      const error = await provider
        .complete({ model: 'gpt-4o', messages: [{ role: 'user', content: 'draw a cat' }] })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(String((error as Error).message)).toContain(
        "Hosted tool 'image_generation' is not supported with gpt-4o",
      );
    } finally {
      await provider.close();
    }
  });
});

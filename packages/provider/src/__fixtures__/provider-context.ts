import { resolveConfig } from '@amplifier-azure-openai/config';
import { createProviderContext, type ProviderContext } from '../provider/provider-context.js';
import type { AzureOpenAIProviderOptions } from '../provider/provider-options.js';

/** One scripted HTTP answer: JSON (`body`) or a server-sent event stream (`sse`). */
export interface ScriptedReply {
  status?: number;
  body?: unknown;
  sse?: unknown[];
  headers?: Record<string, string>;
}

/** A Responses answer with one text message. */
export const TEXT_ANSWER = {
  id: 'resp_ctx',
  object: 'response',
  created_at: 1,
  status: 'completed',
  model: 'gpt-4o',
  output: [
    {
      type: 'message',
      id: 'msg_1',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'hi', annotations: [] }],
    },
  ],
  usage: { input_tokens: 3, output_tokens: 1, total_tokens: 4 },
};

/**
 * A provider context for unit tests: the real config, auth and SDK client, answered by a
 * scripted `fetch` (no network). Records each request's headers and JSON body, and the events.
 */
export function testContext(
  replies: ScriptedReply[],
  settings: Record<string, unknown> = {},
  options: Partial<AzureOpenAIProviderOptions> = {},
) {
  const requests: Array<{ headers: Headers; body: Record<string, unknown> }> = [];
  const events: Array<[string, Record<string, unknown>]> = [];
  const fetchImpl = (async (_input: string | URL | Request, init?: RequestInit) => {
    requests.push({
      headers: new Headers(init?.headers),
      body: JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>,
    });
    const reply = replies.shift() ?? { body: TEXT_ANSWER };
    if (reply.sse !== undefined) {
      const text = reply.sse.map(event => `data: ${JSON.stringify(event)}\n\n`).join('');
      return new Response(text, {
        status: 200,
        headers: { 'content-type': 'text/event-stream', ...reply.headers },
      });
    }
    return new Response(JSON.stringify(reply.body ?? TEXT_ANSWER), {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  }) as typeof fetch;
  const context: ProviderContext = createProviderContext({
    config: resolveConfig(
      {
        azure_endpoint: 'https://unit.openai.azure.com',
        api_key: 'unit-key-123456',
        use_streaming: false,
        max_retries: 0,
        default_model: 'gpt-4o',
        ...settings,
      },
      {},
    ),
    fetch: fetchImpl,
    events: { emit: (event, payload) => void events.push([event, payload]) },
    sleep: async () => {},
    ...options,
  });
  return { context, requests, events };
}

/** A 400 answer naming an unsupported parameter, the way Azure words it. */
export function unsupportedParameterReply(parameter: string): ScriptedReply {
  return {
    status: 400,
    body: {
      error: {
        message: `Unsupported parameter: '${parameter}' is not supported with this model.`,
        type: 'invalid_request_error',
        param: parameter,
        code: 'unsupported_parameter',
      },
    },
  };
}

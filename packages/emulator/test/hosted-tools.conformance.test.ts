/**
 * Hosted tool items and their stream events match the OpenAPI spec and the recorded Azure
 * payloads (../shared/conformance): every request (declarations and replayed items) is checked
 * against the spec by the emulator's validation hook.
 */
import {
  createOpenApiSchemaValidator,
  createResponsesStreamEventValidator,
  readSharedJson,
  validateResponsesRequestAgainstSpec,
} from '@amplifier-azure-openai/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../src/index.js';
import { parseSse, rawPost, warmUpValidator } from './helpers.js';

warmUpValidator();
const emulator = useEmulator(
  { beforeAll, afterAll },
  { validateRequest: validateResponsesRequestAgainstSpec },
);

const TOOLS = [
  { type: 'web_search_preview', search_context_size: 'low' },
  { type: 'file_search', vector_store_ids: ['vs_1'] },
  { type: 'code_interpreter', container: { type: 'auto' } },
  { type: 'image_generation' },
  {
    type: 'mcp',
    server_label: 'docs',
    server_url: 'https://mcp.example.com/mcp',
    require_approval: 'never',
  },
];
const ASK = 'search the web, search my files, run python, draw, and ask the server (mcp)';

let responseValidator: ReturnType<typeof createOpenApiSchemaValidator>;
let eventValidator: ReturnType<typeof createResponsesStreamEventValidator>;
beforeAll(() => {
  responseValidator = createOpenApiSchemaValidator('Response', 'lenient');
  eventValidator = createResponsesStreamEventValidator();
}, 60_000);

async function post(body: Record<string, unknown>) {
  return rawPost(emulator(), '/openai/v1/responses', JSON.stringify(body));
}

describe('hosted tool items (spec and recordings)', () => {
  it('answers every hosted tool with spec-valid items and stream events, and takes them back', async () => {
    const answer = await post({
      model: 'gpt-5',
      input: ASK,
      tools: TOOLS,
      reasoning: { effort: 'low', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      store: false,
      stream: true,
    });
    expect(answer.status).toBe(200);
    const events = parseSse(answer.text);
    for (const { data } of events) expect(eventValidator.validate(data).errors).toEqual([]);
    const completed = events.at(-1)?.data.response as { output: Array<Record<string, unknown>> };
    expect(responseValidator.validate(completed).errors).toEqual([]);
    expect(completed.output.map(item => item.type)).toEqual([
      'reasoning',
      'web_search_call',
      'file_search_call',
      'code_interpreter_call',
      'image_generation_call',
      'mcp_list_tools',
      'mcp_call',
      'message',
    ]);
    // The replay, as the provider sends it, validates against the spec and is accepted.
    const replay = await post({
      model: 'gpt-5',
      input: [{ role: 'user', content: ASK }, ...completed.output, { role: 'user', content: 'ok' }],
      tools: TOOLS,
      store: false,
    });
    expect(replay.status).toBe(200);
  });

  it('has the fields of the recorded Azure web_search_call and code_interpreter_call items', async () => {
    const recorded = (name: string) =>
      (
        readSharedJson(`conformance/recorded-responses/${name}.json`) as {
          body: { output: Array<Record<string, unknown>> };
        }
      ).body.output;
    const search = recorded('azure-web-search-preview-4.1mini').find(
      item => item.type === 'web_search_call',
    );
    const code = recorded('azure-code-interpreter-gpt5mini').find(
      item => item.type === 'code_interpreter_call',
    );
    const answer = await post({ model: 'gpt-5', input: ASK, tools: TOOLS, store: false });
    const output = (answer.json() as { output: Array<Record<string, unknown>> }).output;
    const ours = (type: string) => output.find(item => item.type === type) ?? {};
    expect(Object.keys(ours('web_search_call')).sort()).toEqual(Object.keys(search ?? {}).sort());
    expect(ours('web_search_call').status).toBe(search?.status);
    expect(Object.keys(ours('code_interpreter_call')).sort()).toEqual(
      Object.keys(code ?? {}).sort(),
    );
  });
});

/**
 * Replays every recorded Azure / OpenAI payload in ../shared/conformance/recorded-responses/
 * (answers, streams, errors; see its SOURCES.md) from a loopback HTTP server through the provider
 * and the real `openai` SDK, and checks what Amplifier gets: text, tool calls with their ids and
 * decoded arguments (output item ids kept on the blocks), usage (reasoning and cached tokens),
 * finish reasons, typed errors, and a second turn built from the first answer, which must pass
 * Azure's item pairing rules as the strict emulator enforces them.
 *
 * Reads ../shared (or AMPLIFIER_SHARED_DIR): runs in `pnpm test:conformance`, not `pnpm test`.
 */
import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveConfig } from '@amplifier-azure-openai/config';
import { ItemRegistry } from '@amplifier-azure-openai/emulator';
import { readSharedJson, sharedPath } from '@amplifier-azure-openai/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AzureOpenAIError,
  type ChatResponse,
  createAzureOpenAIProvider,
  type Message,
  type ProviderStreamEvent,
} from '../src/index.js';

type Json = Record<string, unknown>;

interface Fixture {
  kind: 'json' | 'error' | 'sse';
  status: number;
  headers: Record<string, string>;
  body?: Json;
  sse?: string;
}

const DIR = 'conformance/recorded-responses';

/** Fixture names by kind; throws (naming AMPLIFIER_SHARED_DIR) when ../shared is missing. */
function fixtureNames(): Record<Fixture['kind'], string[]> {
  const names = readdirSync(sharedPath(DIR))
    .filter(name => name.endsWith('.json') && !name.endsWith('.schema.json'))
    .map(name => name.slice(0, -'.json'.length))
    .sort();
  const byKind: Record<Fixture['kind'], string[]> = { json: [], error: [], sse: [] };
  for (const name of names) byKind[load(name).kind].push(name);
  return byKind;
}

function load(name: string): Fixture {
  return readSharedJson(`${DIR}/${name}.json`) as Fixture;
}

const NAMES = fixtureNames();

// ---- loopback stand-in for Azure -----------------------------------------------------------

let server: Server;
let endpoint: string;
let serving: Fixture | undefined;
const bodies: Json[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk as Buffer));
    req.on('end', () => {
      try {
        bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json);
      } catch {
        bodies.push({});
      }
      const fixture = serving;
      if (fixture === undefined || !(req.url ?? '').includes('/responses')) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"no fixture armed"}}');
        return;
      }
      res.writeHead(fixture.status, fixture.headers);
      res.end(fixture.kind === 'sse' ? fixture.sse : JSON.stringify(fixture.body));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>(resolve => server.close(() => resolve()));
});

function provider() {
  return createAzureOpenAIProvider({
    config: resolveConfig(
      { azure_endpoint: endpoint, api_key: 'recorded-key', max_retries: 0, default_model: 'gpt-5' },
      {},
    ),
    sleep: async () => {},
  });
}

const QUESTION: Message = { role: 'user', content: 'What is the weather in San Francisco?' };

async function complete(fixture: Fixture, stream: boolean, messages: Message[] = [QUESTION]) {
  serving = fixture;
  bodies.length = 0;
  const p = provider();
  try {
    if (!stream) return { response: await p.complete({ model: 'gpt-5', messages }), events: [] };
    const events: ProviderStreamEvent[] = [];
    for await (const event of p.stream({ model: 'gpt-5', messages })) events.push(event);
    const end = events.find(event => event.type === 'message.end');
    if (end?.type !== 'message.end') throw new Error('the stream ended without message.end');
    return { response: end.response, events };
  } finally {
    await p.close();
  }
}

// ---- what the payload says the answer is ---------------------------------------------------

/** The final output items of a stream: each index's `output_item.done` item, else the final one. */
function streamedOutput(sse: string): { response: Json; output: unknown[] } {
  const done = new Map<number, unknown>();
  let response: Json | undefined;
  for (const line of sse.split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const event = JSON.parse(line.slice(6)) as Json;
    if (event.type === 'response.output_item.done' && typeof event.output_index === 'number') {
      done.set(event.output_index, event.item);
    }
    if (event.type === 'response.completed' || event.type === 'response.incomplete') {
      response = event.response as Json;
    }
  }
  if (response === undefined) throw new Error('the recorded stream has no final response');
  const output = [...((response.output as unknown[]) ?? [])];
  for (const [index, item] of done) output[index] = item;
  return { response, output };
}

function isCall(item: Json): boolean {
  return item.type === 'function_call' || item.type === 'custom_tool_call';
}

/** Checks a ChatResponse against the recorded response and its output items. */
function expectAnswer(response: ChatResponse, recorded: Json, output: unknown[]): void {
  const items = output as Json[];
  // Text: every output_text / refusal part, in order.
  const texts = items
    .filter(item => item.type === 'message')
    .flatMap(item => (item.content as Json[]).map(part => part.text ?? part.refusal));
  const blocks = response.content;
  expect(blocks.flatMap(block => (block.type === 'text' ? [block.text] : []))).toEqual(texts);
  for (const item of items.filter(entry => entry.type === 'message')) {
    expect(blocks.some(block => block.type === 'text' && block.item_id === item.id)).toBe(true);
  }

  // Tool calls: ids (a repeated id made unique), output item ids, decoded arguments.
  const calls = items.filter(isCall);
  const wrapper = calls.find(call => call.name === 'parallel');
  if (wrapper === undefined) {
    const seen = new Map<string, number>();
    const expectedIds = calls.map(call => {
      const id = String(call.call_id);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      return n === 1 ? id : `${id}_${n}`;
    });
    expect((response.tool_calls ?? []).map(call => call.id)).toEqual(expectedIds);
    calls.forEach((call, index) => {
      const got = response.tool_calls?.[index];
      const block = blocks.find(b => b.type === 'tool_call' && b.id === expectedIds[index]);
      expect(block?.type === 'tool_call' ? block.item_id : undefined).toBe(call.id);
      expect(got?.name).toBe(call.name);
      if (call.type === 'custom_tool_call') {
        expect(got?.arguments).toEqual({ input: call.input });
        return;
      }
      const raw = String(call.arguments);
      let decoded: unknown;
      try {
        decoded = JSON.parse(raw);
      } catch {
        decoded = undefined;
      }
      if (typeof decoded === 'object' && decoded !== null && !Array.isArray(decoded)) {
        expect(got?.arguments).toEqual(decoded);
        expect(got?.parse_error).toBeUndefined();
      } else {
        // Never a silent {}: the raw text and the reason travel with the call.
        expect(got?.arguments).toEqual({});
        expect(got?.raw_arguments).toBe(raw);
        expect(got?.parse_error).toMatch(/not valid JSON|must be a JSON object/);
      }
    });
  } else {
    const uses = (JSON.parse(String(wrapper.arguments)) as { tool_uses: Json[] }).tool_uses;
    expect(response.tool_calls?.map(call => call.id)).toEqual(
      uses.map((_, n) => `${String(wrapper.call_id)}_${n}`),
    );
    expect(response.metadata?.parallel_tool_call_unwrapped).toBe(true);
  }

  // Reasoning: a thinking block with [encrypted_content, id, follower id].
  items.forEach((item, index) => {
    if (item.type !== 'reasoning') return;
    const block = blocks.find(
      b => b.type === 'thinking' && Array.isArray(b.content) && b.content[1] === item.id,
    );
    expect(block?.type === 'thinking' ? block.content?.[0] : 'missing').toBe(
      item.encrypted_content ?? null,
    );
    const next = items[index + 1];
    if (next !== undefined && typeof next.id === 'string') {
      expect(block?.type === 'thinking' ? block.content?.[2] : undefined).toBe(next.id);
    }
  });

  // Usage, reasoning and cached tokens included.
  const usage = recorded.usage as Json | null | undefined;
  if (usage) {
    expect(response.usage?.input_tokens).toBe(usage.input_tokens);
    expect(response.usage?.output_tokens).toBe(usage.output_tokens);
    const reasoning = (usage.output_tokens_details as Json | undefined)?.reasoning_tokens;
    if (typeof reasoning === 'number') {
      expect(response.usage?.reasoning_tokens ?? 0).toBe(reasoning);
    }
    const cached = (usage.input_tokens_details as Json | undefined)?.cached_tokens;
    if (typeof cached === 'number') expect(response.usage?.cache_read_tokens ?? 0).toBe(cached);
  }

  // Finish reason.
  const incomplete = (recorded.incomplete_details as Json | null | undefined)?.reason;
  const expected =
    recorded.status === 'incomplete'
      ? incomplete === 'content_filter'
        ? 'content_filter'
        : 'length'
      : (response.tool_calls?.length ?? 0) > 0
        ? 'tool_calls'
        : undefined;
  if (expected !== undefined) expect(response.finish_reason).toBe(expected);
  else expect(['stop', 'content_filter']).toContain(response.finish_reason);
}

/**
 * Sends a second turn built from the first answer (its blocks, a result for every call) and checks
 * the request: every call comes back with its call id and output item id, and the strict
 * emulator's item rules accept the input (each reasoning item right before its follower).
 */
async function expectSecondTurn(first: ChatResponse, output: unknown[]): Promise<void> {
  const messages: Message[] = [
    QUESTION,
    { role: 'assistant', content: first.content },
    ...(first.tool_calls ?? []).map(
      (call): Message => ({ role: 'tool', tool_call_id: call.id, content: `result of ${call.id}` }),
    ),
    { role: 'user', content: 'Thanks. And tomorrow?' },
  ];
  const { response } = await complete(load('azure-text-gpt51'), false, messages);
  expect(response.finish_reason).toBe('stop');
  const input = bodies[0]?.input as Json[];
  const issued = new ItemRegistry();
  issued.remember(output);
  expect(issued.check(input, false)).toBeUndefined();
  for (const call of first.tool_calls ?? []) {
    const sent = input.find(item => isCall(item) && item.call_id === call.id);
    expect(sent).toBeDefined();
    expect(
      input.some(item => item.type?.toString().endsWith('_output') && item.call_id === call.id),
    ).toBe(true);
  }
  for (const item of output as Json[]) {
    if (item.type !== 'reasoning' || typeof item.encrypted_content !== 'string') continue;
    const index = input.findIndex(entry => entry.type === 'reasoning' && entry.id === item.id);
    const follower = (output as Json[])[(output as Json[]).indexOf(item) + 1];
    if (follower === undefined || (!isCall(follower) && follower.type !== 'message')) continue;
    if (first.metadata?.parallel_tool_call_unwrapped === true) continue;
    expect(index).toBeGreaterThan(-1);
    expect(input[index + 1]?.id).toBe(follower.id);
  }
}

// ---- the suite -----------------------------------------------------------------------------

describe('recorded answers (JSON), replayed through the provider and the openai SDK', () => {
  it('found the recorded payloads', () => {
    expect(NAMES.json.length).toBeGreaterThan(10);
  });

  it.each(NAMES.json)('%s', async name => {
    const fixture = load(name);
    const body = fixture.body as Json;
    const { response } = await complete(fixture, false);
    expect(response.metadata?.response_id).toBe(body.id);
    expectAnswer(response, body, body.output as unknown[]);
    await expectSecondTurn(response, body.output as unknown[]);
  });
});

describe('recorded streams (SSE), replayed through the provider and the openai SDK', () => {
  const answers = NAMES.sse.filter(name => streamedOutputOrUndefined(name) !== undefined);
  const failures = NAMES.sse.filter(name => !answers.includes(name));

  it.each(answers)('%s', async name => {
    const fixture = load(name);
    const { response: recorded, output } = streamedOutput(String(fixture.sse));
    const { response, events } = await complete(fixture, true);
    expectAnswer(response, recorded, output);
    // Every tool_call.end names a call of the final response, with the same arguments.
    for (const event of events) {
      if (event.type !== 'tool_call.end') continue;
      const call = response.tool_calls?.find(entry => entry.id === event.id);
      expect(call?.arguments).toEqual(event.arguments);
    }
    await expectSecondTurn(response, output);
  });

  it.each(failures)('%s fails with a typed error', async name => {
    const error = await complete(load(name), true).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(AzureOpenAIError.isInstance(error)).toBe(true);
    expect((error as Error).name).not.toBe('AzureOpenAIError');
    expect((error as Error).message).not.toBe('');
  });
});

function streamedOutputOrUndefined(name: string): unknown {
  try {
    return streamedOutput(String(load(name).sse));
  } catch {
    return undefined;
  }
}

/** The typed error each recorded error answer must give. */
const EXPECTED_ERRORS: Record<string, string> = {
  'azure-400-content-filter-innererror': 'ContentFilterError',
  'azure-400-content-filter-responses': 'ContentFilterError',
  'azure-404-deployment-not-found': 'DeploymentNotFoundError',
  'azure-429-rate-limit': 'RateLimitError',
  'azure-429-tpm-no-retry-after': 'RateLimitError',
  'openai-400-invalid-parameter': 'InvalidRequestError',
  'openai-400-reasoning-without-following-item': 'InvalidRequestError',
  'openai-400-unsupported-temperature': 'InvalidRequestError',
  'openai-429-insufficient-quota': 'RateLimitError',
};

describe('recorded error answers, replayed through the provider and the openai SDK', () => {
  it('knows the typed error of every recorded error answer', () => {
    expect(NAMES.error.sort()).toEqual(Object.keys(EXPECTED_ERRORS).sort());
  });

  it.each(NAMES.error)('%s', async name => {
    const fixture = load(name);
    for (const stream of [false, true]) {
      const error = await complete(fixture, stream).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(AzureOpenAIError.isInstance(error)).toBe(true);
      expect((error as Error).name).toBe(EXPECTED_ERRORS[name]);
      expect((error as AzureOpenAIError).status).toBe(fixture.status);
      const typed = error as AzureOpenAIError & { retryAfterMs?: number };
      const recorded = (fixture.body?.error as Json | undefined)?.message;
      if (fixture.status === 429) {
        // Throttling is summarised (deployments, wait); the wait comes from Azure's headers.
        const ms = fixture.headers['retry-after-ms'];
        if (ms !== undefined) expect(typed.retryAfterMs).toBe(Number(ms));
        expect(typed.message).toMatch(/throttl|quota/i);
      } else if (typeof recorded === 'string') {
        expect(typed.message).toContain(recorded);
      }
      expect(typed.requestId).toBe(fixture.headers['apim-request-id']);
    }
  });
});

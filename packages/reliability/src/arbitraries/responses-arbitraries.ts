import fc from 'fast-check';

/** A JSON object. */
export type JsonObject = Record<string, unknown>;

let counter = 0;
/** A fresh id with `prefix` (unique within the process). */
function freshId(prefix: string): string {
  counter += 1;
  return `${prefix}_${counter.toString(36)}`;
}

const shortText = fc.string({ maxLength: 40 });
const jsonArgs = fc
  .dictionary(
    fc.string({ minLength: 1, maxLength: 8 }),
    fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean()),
    {
      maxKeys: 3,
    },
  )
  .map(value => JSON.stringify(value));
const badArgs = fc.constantFrom('{"city":', '{city: Paris}', 'null', '[1,2]', '"text"', '', '{}}');

/** A well-formed `message` output item. */
export const messageItem: fc.Arbitrary<JsonObject> = fc
  .array(shortText, { minLength: 1, maxLength: 3 })
  .map(texts => ({
    type: 'message',
    id: freshId('msg'),
    role: 'assistant',
    status: 'completed',
    content: texts.map(text => ({ type: 'output_text', text, annotations: [] })),
  }));

/** A well-formed `reasoning` output item with encrypted content. */
export const reasoningItem: fc.Arbitrary<JsonObject> = fc
  .record({
    summary: fc.array(shortText, { maxLength: 2 }),
    encrypted: fc.base64String({ minLength: 4, maxLength: 60 }),
  })
  .map(({ summary, encrypted }) => ({
    type: 'reasoning',
    id: freshId('rs'),
    summary: summary.map(text => ({ type: 'summary_text', text })),
    encrypted_content: encrypted,
  }));

/** A `function_call` item; its arguments are valid JSON or (sometimes) not. */
export const functionCallItem: fc.Arbitrary<JsonObject> = fc
  .record({
    name: fc.stringMatching(/^[a-z_]{1,12}$/),
    args: fc.oneof({ weight: 4, arbitrary: jsonArgs }, { weight: 1, arbitrary: badArgs }),
  })
  .map(({ name, args }) => ({
    type: 'function_call',
    id: freshId('fc'),
    call_id: freshId('call'),
    name,
    arguments: args,
    status: 'completed',
  }));

/** An item of a type this provider does not know (it must be kept, not dropped). */
export const unknownItem: fc.Arbitrary<JsonObject> = fc
  .record({
    type: fc.constantFrom('computer_call', 'local_shell_call', 'x_future'),
    payload: fc.jsonValue({ maxDepth: 2 }),
  })
  .map(({ type, payload }) => ({ type, id: freshId('item'), payload }));

/** The output item types of hosted tools (kept as blocks and sent back unchanged). */
export const HOSTED_ITEM_TYPES: ReadonlySet<string> = new Set([
  'web_search_call',
  'image_generation_call',
  'mcp_list_tools',
]);

/** A hosted tool's output item (web search, image generation, MCP tool list), as the spec shapes it. */
export const hostedItem: fc.Arbitrary<JsonObject> = fc.oneof(
  fc.string({ maxLength: 20 }).map(query => ({
    type: 'web_search_call',
    id: freshId('ws'),
    status: 'completed',
    action: { type: 'search', query },
  })),
  fc.base64String({ maxLength: 16 }).map(result => ({
    type: 'image_generation_call',
    id: freshId('ig'),
    status: 'completed',
    result,
  })),
  fc.jsonValue({ maxDepth: 2 }).map(extra => ({
    type: 'mcp_list_tools',
    id: freshId('mcpl'),
    server_label: 'docs',
    tools: [{ name: 'search', input_schema: { type: 'object' }, annotations: extra }],
  })),
);

/** A well-formed output item. */
export const outputItem: fc.Arbitrary<JsonObject> = fc.oneof(
  messageItem,
  reasoningItem,
  functionCallItem,
  unknownItem,
  hostedItem,
);

/** A finished Responses API response object. */
export const responseObject: fc.Arbitrary<JsonObject> = fc
  .record({
    output: fc.array(outputItem, { maxLength: 5 }),
    status: fc.constantFrom('completed', 'completed', 'incomplete'),
    usage: fc.option(fc.record({ input_tokens: fc.nat(1000), output_tokens: fc.nat(1000) }), {
      nil: undefined,
    }),
  })
  .map(({ output, status, usage }) => {
    const response: JsonObject = {
      id: freshId('resp'),
      object: 'response',
      created_at: 1,
      model: 'gpt-5',
      status,
      output,
    };
    if (status === 'incomplete') response.incomplete_details = { reason: 'max_output_tokens' };
    if (usage !== undefined) {
      response.usage = { ...usage, total_tokens: usage.input_tokens + usage.output_tokens };
    }
    return response;
  });

/**
 * The Responses stream events for a finished response, as Azure sends them: created, then per item
 * added / deltas / done, then completed (or incomplete).
 */
export function responseEvents(response: JsonObject): JsonObject[] {
  const events: JsonObject[] = [];
  const output = (response.output as JsonObject[]) ?? [];
  const head = { ...response, status: 'in_progress', output: [] };
  events.push({ type: 'response.created', response: head });
  output.forEach((item, outputIndex) => {
    const id = item.id;
    if (item.type === 'message') {
      events.push({
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...item, content: [], status: 'in_progress' },
      });
      (item.content as JsonObject[]).forEach((part, contentIndex) => {
        const text = String(part.text);
        for (const delta of chunk(text)) {
          events.push({
            type: 'response.output_text.delta',
            item_id: id,
            output_index: outputIndex,
            content_index: contentIndex,
            delta,
          });
        }
        events.push({
          type: 'response.output_text.done',
          item_id: id,
          output_index: outputIndex,
          content_index: contentIndex,
          text,
        });
      });
    } else if (item.type === 'reasoning') {
      events.push({
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...item, summary: [] },
      });
      (item.summary as JsonObject[]).forEach((part, summaryIndex) => {
        for (const delta of chunk(String(part.text))) {
          events.push({
            type: 'response.reasoning_summary_text.delta',
            item_id: id,
            output_index: outputIndex,
            summary_index: summaryIndex,
            delta,
          });
        }
      });
    } else if (item.type === 'function_call') {
      events.push({
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...item, arguments: '', status: 'in_progress' },
      });
      for (const delta of chunk(String(item.arguments))) {
        events.push({
          type: 'response.function_call_arguments.delta',
          item_id: id,
          output_index: outputIndex,
          delta,
        });
      }
    } else {
      events.push({ type: 'response.output_item.added', output_index: outputIndex, item });
    }
    events.push({ type: 'response.output_item.done', output_index: outputIndex, item });
  });
  events.push({
    type: response.status === 'incomplete' ? 'response.incomplete' : 'response.completed',
    response,
  });
  return events.map((event, sequence) => ({ ...event, sequence_number: sequence }));
}

function chunk(text: string): string[] {
  if (text === '') return [];
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += 7) parts.push(text.slice(i, i + 7));
  return parts;
}

/** Formats events as an SSE body (`event:` + `data:` lines). */
export function toSse(events: readonly unknown[]): string {
  return events
    .map(event => {
      const type =
        typeof event === 'object' && event !== null && 'type' in event
          ? String((event as { type: unknown }).type)
          : 'message';
      return `event: ${type}\ndata: ${JSON.stringify(event)}\n\n`;
    })
    .join('');
}

/** Replaces one field (by path) of a JSON value with `replacement`; returns a copy. */
export function replaceAt(
  value: unknown,
  path: readonly (string | number)[],
  replacement: unknown,
): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = replaceAt(copy[head as number], rest, replacement);
    return copy;
  }
  if (typeof value === 'object' && value !== null) {
    const copy: JsonObject = { ...(value as JsonObject) };
    copy[head as string] = replaceAt(copy[head as string], rest, replacement);
    return copy;
  }
  return value;
}

/** Every path to a field (objects and arrays) inside a JSON value, depth-first. */
export function fieldPaths(
  value: unknown,
  prefix: (string | number)[] = [],
): (string | number)[][] {
  const paths: (string | number)[][] = [];
  if (Array.isArray(value)) {
    value.forEach((entry, index) => {
      paths.push([...prefix, index], ...fieldPaths(entry, [...prefix, index]));
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, entry] of Object.entries(value)) {
      paths.push([...prefix, key], ...fieldPaths(entry, [...prefix, key]));
    }
  }
  return paths;
}

/** A value of a "wrong type" for any field: junk that a broken peer might send. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, min: -3, max: 3 }),
  fc.string({ maxLength: 10 }),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
);

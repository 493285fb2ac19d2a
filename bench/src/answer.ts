/** What a contender got back, normalized so answers can be compared across libraries. */
export interface Answer {
  /** The answer text ('' when the answer is tool calls only). */
  text: string;
  /** Tool calls as `name {canonical JSON arguments}`, sorted. */
  toolCalls: string[];
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** `name {"a":1}` with keys sorted, from decoded or JSON-text arguments. */
export function formatCall(name: string, args: unknown): string {
  let value = args;
  if (typeof args === 'string') {
    try {
      value = JSON.parse(args);
    } catch {
      value = args;
    }
  }
  return `${name} ${JSON.stringify(canonical(value))}`;
}

/** Builds an {@link Answer}. */
export function makeAnswer(text: string, calls: Array<[string, unknown]>): Answer {
  return { text, toolCalls: calls.map(([n, a]) => formatCall(n, a)).sort() };
}

/** Whether two answers are the same. */
export function sameAnswer(a: Answer, b: Answer): boolean {
  return a.text === b.text && JSON.stringify(a.toolCalls) === JSON.stringify(b.toolCalls);
}

/** The text and calls of a raw Responses API JSON body. */
export function answerFromResponsesJson(body: unknown): Answer {
  let text = '';
  const calls: Array<[string, unknown]> = [];
  const output = (body as { output?: unknown }).output;
  if (Array.isArray(output)) {
    for (const item of output as Array<Record<string, unknown>>) {
      if (item.type === 'message' && Array.isArray(item.content)) {
        for (const part of item.content as Array<Record<string, unknown>>) {
          if (part.type === 'output_text' && typeof part.text === 'string') text += part.text;
        }
      } else if (item.type === 'function_call') {
        calls.push([String(item.name), item.arguments]);
      }
    }
  }
  return makeAnswer(text, calls);
}

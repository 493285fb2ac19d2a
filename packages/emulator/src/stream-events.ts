import { hostedItemEvents } from './hosted-item-events.js';
import type { OutputItem, ResponseObject } from './response-builder.js';
import { inProgressSnapshot } from './response-builder.js';

/** One Responses stream event (without `sequence_number`, added when sent). */
export type StreamEvent = { type: string } & Record<string, unknown>;

/** Splits text into word deltas, each word with its leading whitespace ("Hello", " world"). */
export function textDeltas(text: string): string[] {
  const deltas: string[] = text.match(/\s*\S+/g) ?? [];
  const covered = deltas.reduce((n, d) => n + d.length, 0);
  if (covered < text.length) {
    const tail = text.slice(covered);
    if (deltas.length === 0) deltas.push(tail);
    else deltas[deltas.length - 1] += tail;
  }
  return deltas;
}

/** Splits function-call arguments into small deltas, like the service does. */
export function argumentDeltas(args: string): string[] {
  const parts = args.match(/[{}[\]":,]+|[^{}[\]":,]+/g) ?? [];
  return parts.length === 0 && args !== '' ? [args] : parts;
}

function* itemEvents(item: OutputItem, outputIndex: number): Generator<StreamEvent> {
  if (item.type === 'reasoning') {
    const added: Record<string, unknown> = { id: item.id, type: 'reasoning', summary: [] };
    if (item.encrypted_content !== undefined) added.encrypted_content = item.encrypted_content;
    yield { type: 'response.output_item.added', output_index: outputIndex, item: added };
    for (let s = 0; s < item.summary.length; s += 1) {
      const text = item.summary[s]?.text ?? '';
      const base = { item_id: item.id, output_index: outputIndex, summary_index: s };
      yield {
        type: 'response.reasoning_summary_part.added',
        ...base,
        part: { type: 'summary_text', text: '' },
      };
      for (const delta of textDeltas(text)) {
        yield { type: 'response.reasoning_summary_text.delta', ...base, delta };
      }
      yield { type: 'response.reasoning_summary_text.done', ...base, text };
      yield {
        type: 'response.reasoning_summary_part.done',
        ...base,
        part: { type: 'summary_text', text },
      };
    }
    yield { type: 'response.output_item.done', output_index: outputIndex, item };
    return;
  }
  if (item.type === 'function_call') {
    yield {
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: { ...item, status: 'in_progress', arguments: '' },
    };
    for (const delta of argumentDeltas(item.arguments)) {
      yield {
        type: 'response.function_call_arguments.delta',
        item_id: item.id,
        output_index: outputIndex,
        delta,
      };
    }
    yield {
      type: 'response.function_call_arguments.done',
      item_id: item.id,
      output_index: outputIndex,
      name: item.name,
      arguments: item.arguments,
    };
    yield { type: 'response.output_item.done', output_index: outputIndex, item };
    return;
  }
  if (item.type !== 'message') {
    yield* hostedItemEvents(item, outputIndex);
    return;
  }
  yield {
    type: 'response.output_item.added',
    output_index: outputIndex,
    item: { id: item.id, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
  };
  const part = item.content[0];
  const text = part?.text ?? '';
  const base = { item_id: item.id, output_index: outputIndex, content_index: 0 };
  yield {
    type: 'response.content_part.added',
    ...base,
    part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
  };
  for (const delta of textDeltas(text)) {
    yield { type: 'response.output_text.delta', ...base, delta, logprobs: [] };
  }
  yield { type: 'response.output_text.done', ...base, text, logprobs: [] };
  yield {
    type: 'response.content_part.done',
    ...base,
    part: { type: 'output_text', annotations: [], logprobs: [], text },
  };
  yield { type: 'response.output_item.done', output_index: outputIndex, item };
}

/** Every stream event for a final response, in the service's order. */
export function* responseEvents(response: ResponseObject): Generator<StreamEvent> {
  const snapshot = inProgressSnapshot(response);
  yield { type: 'response.created', response: snapshot };
  yield { type: 'response.in_progress', response: snapshot };
  for (let i = 0; i < response.output.length; i += 1) {
    yield* itemEvents(response.output[i] as OutputItem, i);
  }
  yield {
    type: response.status === 'incomplete' ? 'response.incomplete' : 'response.completed',
    response,
  };
}

/** Serialises one event as SSE: `event: <type>\ndata: <json>\n\n`. */
export function formatSse(event: StreamEvent, sequenceNumber: number): string {
  const { type, ...rest } = event;
  return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequenceNumber, ...rest })}\n\n`;
}

/**
 * Tool call inputs and tool results that JSON cannot carry (a cycle, a BigInt, nesting deep
 * enough to exhaust the stack) are refused as InvalidRequestError naming the block, not sent and
 * not an unexpected error.
 */
import { describe, expect, it } from 'vitest';
import { reasoningContext } from '../__fixtures__/request-context.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { Message } from '../types.js';
import { messagesToInput } from './messages-to-input.js';

function deep(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

function map(messages: Message[]) {
  return messagesToInput(messages, {
    store: false,
    onlyAfterLastAssistant: false,
    reasoningItems: reasoningContext().capabilities.reasoning,
  });
}

function refusal(messages: Message[]): InvalidRequestError {
  try {
    map(messages);
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidRequestError');
}

const callWith = (input: Record<string, unknown>): Message[] => [
  { role: 'user', content: 'go' },
  { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'f', input }] },
  { role: 'tool', tool_call_id: 'c1', content: 'ok' },
];

const resultWith = (output: unknown): Message[] => [
  { role: 'user', content: 'go' },
  { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'f', input: {} }] },
  { role: 'user', content: [{ type: 'tool_result', tool_call_id: 'c1', output }] },
];

describe('tool JSON values JSON cannot carry', () => {
  it('a tool call input nested deeper than the stack allows names the block', () => {
    const error = refusal(callWith(deep(200_000)));
    expect(error.param).toBe('messages[1].content[0].input');
    expect(error.message).toMatch(/cannot be sent as JSON/);
    expect(error.code).toBe('invalid_chat_request');
  });

  it('a cyclic tool call input and a BigInt tool result name their blocks', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(refusal(callWith(cyclic)).param).toBe('messages[1].content[0].input');
    expect(refusal(resultWith({ n: 1n })).param).toBe('messages[2].content[0].output');
  });

  it('ordinary nesting still maps', () => {
    const { input } = map(callWith(deep(100)));
    expect(JSON.stringify(input)).toContain('"arguments":"{\\"a\\":{\\"a\\"');
  });
});

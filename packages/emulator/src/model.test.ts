import { describe, expect, it } from 'vitest';
import {
  analyzeInput,
  answerText,
  countWords,
  extractSubjects,
  fillSchema,
  longAnswer,
  planAnswer,
  planCalls,
} from './model.js';

const weather = {
  type: 'function',
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const calculator = {
  type: 'function',
  name: 'calculator',
  parameters: {
    type: 'object',
    properties: {
      a: { type: 'number' },
      b: { type: 'number' },
      op: { type: 'string', enum: ['add', 'multiply'] },
    },
    required: ['a', 'b', 'op'],
  },
};

describe('extractSubjects', () => {
  it.each([
    ["What's the weather in Paris and Tokyo?", ['Paris', 'Tokyo']],
    ['weather for London, Berlin & Rome please', ['London', 'Berlin', 'Rome']],
    ['Tell me about the Moon.', ['Moon']],
    ['weather in Paris tomorrow', ['Paris']],
    ['hello there', []],
  ])('%s -> %j', (text, subjects) => {
    expect(extractSubjects(text)).toEqual(subjects);
  });
});

describe('planCalls', () => {
  it('calls a mentioned tool once per subject', () => {
    expect(planCalls("What's the weather in Paris and Tokyo?", [weather], undefined, true)).toEqual(
      [
        { name: 'get_weather', arguments: '{"city":"Paris"}' },
        { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
      ],
    );
  });

  it('keeps only the first call when parallel tool calls are off', () => {
    expect(planCalls('weather in Paris and Tokyo', [weather], 'auto', false)).toHaveLength(1);
  });

  it('supports the explicit form with JSON arguments, several in one turn', () => {
    const text = 'call get_weather {"city": "Oslo"} then call calculator {"a":1,"b":2,"op":"add"}';
    expect(planCalls(text, [weather, calculator], undefined, true)).toEqual([
      { name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { name: 'calculator', arguments: '{"a":1,"b":2,"op":"add"}' },
    ]);
  });

  it('fills numbers and enums from the text', () => {
    expect(
      planCalls('use the calculator to multiply 6 and 7', [calculator], undefined, true),
    ).toEqual([{ name: 'calculator', arguments: '{"a":6,"b":7,"op":"multiply"}' }]);
  });

  it('does not call tools that are not asked for, or when tool_choice is none', () => {
    expect(planCalls('hello there', [weather], undefined, true)).toEqual([]);
    expect(planCalls('weather in Paris', [weather], 'none', true)).toEqual([]);
    expect(planCalls('weather in Paris', [], undefined, true)).toEqual([]);
  });

  it('calls the first (or the named) tool when tool_choice requires it', () => {
    expect(planCalls('hello', [weather], 'required', true)).toEqual([
      { name: 'get_weather', arguments: '{"city":"hello"}' },
    ]);
    expect(
      planCalls('hello', [weather, calculator], { type: 'function', name: 'calculator' }, true)[0]
        ?.name,
    ).toBe('calculator');
  });
});

describe('analyzeInput and planAnswer', () => {
  it('answers from trailing function_call_output items', () => {
    const analysis = analyzeInput([
      { role: 'user', content: [{ type: 'input_text', text: 'weather in Paris' }] },
      { type: 'function_call', call_id: 'c1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call_output', call_id: 'c1', output: '{"t":20}' },
    ]);
    expect(analysis.lastUserText).toBe('weather in Paris');
    expect(analysis.trailingOutputs).toHaveLength(1);
    const plan = planAnswer({ tools: [weather] }, analysis, false);
    expect(plan.calls).toEqual([]);
    expect(plan.text).toBe(
      'Based on the tool results: get_weather({"city":"Paris"}) returned {"t":20}.',
    );
  });

  it('forgets tool outputs once a new user message follows', () => {
    const analysis = analyzeInput([
      { type: 'function_call_output', call_id: 'c1', output: 'x' },
      { role: 'assistant', content: [{ type: 'output_text', text: 'done' }] },
      { role: 'user', content: 'thanks' },
    ]);
    expect(analysis.trailingOutputs).toEqual([]);
    expect(planAnswer({}, analysis, false).text).toBe('Echo: thanks');
  });

  it('writes a reasoning summary that says what it will do', () => {
    const plan = planAnswer({ tools: [weather] }, analyzeInput('weather in Rome'), true);
    expect(plan.reasoningSummary).toContain('I will call get_weather.');
  });

  it('answers json_schema formats with a value of the schema', () => {
    const plan = planAnswer(
      {
        text: {
          format: {
            type: 'json_schema',
            name: 'x',
            schema: {
              type: 'object',
              properties: { title: { type: 'string' }, n: { type: 'integer' } },
              required: ['title', 'n'],
            },
          },
        },
      },
      analyzeInput('name 3 things'),
      false,
    );
    expect(JSON.parse(plan.text ?? '')).toEqual({ title: 'name 3 things', n: 3 });
  });
});

describe('text rules', () => {
  it('echoes the user text, greets on empty input and writes long answers', () => {
    expect(answerText('  hi  ')).toBe('Echo: hi');
    expect(answerText('')).toBe('Hello from the Azure OpenAI emulator.');
    expect(countWords(answerText('write a long answer 1000 words'))).toBe(1000);
    expect(countWords(longAnswer(3))).toBe(3);
  });

  it('fills schemas by type', () => {
    expect(fillSchema({ type: 'array' }, 's')).toEqual([]);
    expect(fillSchema({ type: 'boolean' }, 's')).toBe(false);
    expect(fillSchema({ const: 'k' }, 's')).toBe('k');
    expect(fillSchema({ type: ['string', 'null'] }, 's')).toBe('s');
  });

  it('counts words', () => {
    expect(countWords('')).toBe(0);
    expect(countWords(' a  b\nc ')).toBe(3);
  });
});

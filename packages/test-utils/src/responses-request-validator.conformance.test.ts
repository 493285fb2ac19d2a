import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemaValidationResult } from './openapi-validator.js';
import {
  createResponsesRequestValidator,
  type ResponsesRequestValidator,
  validateResponsesRequestAgainstSpec,
} from './responses-request-validator.js';

const fullBody = {
  model: 'my-gpt-5-deployment',
  instructions: 'You are terse.',
  input: [
    {
      role: 'user',
      content: [
        { type: 'input_text', text: 'What is in this picture?' },
        { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'auto' },
      ],
    },
    {
      type: 'reasoning',
      id: 'rs_1',
      summary: [{ type: 'summary_text', text: 'Need the calculator.' }],
      encrypted_content: 'gAAAAABencrypted',
    },
    {
      type: 'function_call',
      call_id: 'call_1',
      name: 'calculator',
      arguments: '{"a":1,"b":2,"op":"add"}',
    },
    { type: 'function_call_output', call_id: 'call_1', output: '3' },
    { type: 'message', role: 'assistant', content: 'It is 3.' },
  ],
  tools: [
    {
      type: 'function',
      name: 'calculator',
      description: 'Adds numbers.',
      parameters: {
        type: 'object',
        properties: { a: { type: 'number' }, b: { type: 'number' }, op: { type: 'string' } },
        required: ['a', 'b', 'op'],
        additionalProperties: false,
      },
      strict: true,
    },
  ],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  max_output_tokens: 4096,
  temperature: 0.7,
  reasoning: { effort: 'high', summary: 'auto' },
  text: {
    format: {
      type: 'json_schema',
      name: 'answer',
      schema: { type: 'object', properties: { value: { type: 'number' } } },
      strict: true,
    },
  },
  store: false,
  include: ['reasoning.encrypted_content'],
  stream: true,
};

function paths(result: SchemaValidationResult): string[] {
  return result.errors.map(error => error.path);
}

describe('createResponsesRequestValidator', () => {
  let validator: ResponsesRequestValidator;
  beforeAll(() => {
    validator = createResponsesRequestValidator();
  }, 60_000);

  it('accepts a minimal body', () => {
    expect(validator.validate({ model: 'x', input: 'hi' })).toEqual({ valid: true, errors: [] });
  });

  it('accepts a full stateless tool-calling body with encrypted reasoning', () => {
    expect(validator.validate(fullBody)).toEqual({ valid: true, errors: [] });
  });

  it('accepts a named function tool_choice', () => {
    const body = { ...fullBody, tool_choice: { type: 'function', name: 'calculator' } };
    expect(validator.validate(body).errors).toEqual([]);
  });

  it('rejects a non-integer max_output_tokens at its path', () => {
    const result = validator.validate({ model: 'x', input: 'hi', max_output_tokens: 'ten' });
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual({
      path: '/max_output_tokens',
      message: 'must be integer',
    });
  });

  it('rejects a numeric input at its path', () => {
    const result = validator.validate({ model: 'x', input: 42 });
    expect(result.valid).toBe(false);
    expect(new Set(paths(result))).toEqual(new Set(['/input']));
  });

  it('rejects a function tool without a name, naming /tools/0/name', () => {
    const body = {
      model: 'x',
      input: 'hi',
      tools: [{ type: 'function', parameters: { type: 'object' }, strict: false }],
    };
    // Tools are dispatched on `type`, so only the function tool's own error is reported.
    expect(validator.validate(body)).toEqual({
      valid: false,
      errors: [{ path: '/tools/0/name', message: 'is required but missing' }],
    });
  });

  it('rejects an unknown tool type with one error listing the known types', () => {
    const result = validator.validate({ model: 'x', input: 'hi', tools: [{ type: 'funktion' }] });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.path).toBe('/tools/0/type');
    expect(result.errors[0]?.message).toMatch(/^must be one of .*"function"/);
  });

  it('rejects a function_call_output with a non-string output at its path', () => {
    const result = validator.validate({
      model: 'x',
      input: [{ type: 'function_call_output', call_id: 'call_1', output: 5 }],
    });
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual({ path: '/input/0/output', message: 'must be string' });
  });

  it('rejects a bad enum value listing the allowed ones', () => {
    const result = validator.validate({
      model: 'x',
      input: 'hi',
      reasoning: { effort: 'extreme' },
    });
    expect(result.valid).toBe(false);
    const error = result.errors.find(e => e.path === '/reasoning/effort');
    expect(error?.message).toMatch(/must be one of .*"high"/);
  });

  it('rejects a non-object body at the root', () => {
    const result = validator.validate('hello');
    expect(result.valid).toBe(false);
    expect(paths(result)).toContain('/');
  });

  describe('top-level keys CreateResponse does not declare', () => {
    it('max_tokens is not a CreateResponse field', () => {
      expect(validator.declaredKeys).toContain('max_output_tokens');
      expect(validator.declaredKeys).not.toContain('max_tokens');
    });

    it('reports a stray max_tokens as an error, pointing to max_output_tokens', () => {
      const result = validator.validate({ model: 'x', input: 'hi', max_tokens: 100 });
      expect(result).toEqual({
        valid: false,
        errors: [
          {
            path: '/max_tokens',
            message: 'is not a CreateResponse field (the Responses API uses max_output_tokens)',
          },
        ],
      });
    });

    it('reports any other unknown key', () => {
      const result = validator.validate({ model: 'x', input: 'hi', deployment_id: 'd' });
      expect(paths(result)).toEqual(['/deployment_id']);
    });

    it('can be switched off', () => {
      const lenient = createResponsesRequestValidator({ allowUnknownTopLevelKeys: true });
      expect(lenient.validate({ model: 'x', input: 'hi', max_tokens: 100 }).valid).toBe(true);
    });
  });
});

describe('validateResponsesRequestAgainstSpec', () => {
  it('validates with a cached validator', () => {
    expect(validateResponsesRequestAgainstSpec(fullBody).valid).toBe(true);
    expect(validateResponsesRequestAgainstSpec({ ...fullBody, temperature: 'hot' }).valid).toBe(
      false,
    );
  }, 60_000);
});

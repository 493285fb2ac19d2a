import { describe, expect, it } from 'vitest';
import { TestUtilsError } from './errors.js';
import { openApiSchema, openApiSchemas } from './openapi-spec.js';
import { createOpenApiSchemaValidator } from './openapi-validator.js';

function keysDeep(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysDeep(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      into.add(key);
      keysDeep(child, into);
    }
  }
  return into;
}

describe('openApiSchemas', () => {
  it('loads the components and rewrites OpenAPI-only keywords', () => {
    const schemas = openApiSchemas();
    expect(Object.keys(schemas)).toContain('CreateResponse');
    const keys = keysDeep(schemas);
    expect(keys.has('nullable')).toBe(false);
    expect(keys.has('oneOf')).toBe(false);
    expect(keys.has('$recursiveRef')).toBe(false);
  }, 60_000);

  it('turns nullable: true into a type that accepts null', () => {
    const validator = createOpenApiSchemaValidator('CreateChatCompletionRequest');
    const base = { model: 'x', messages: [{ role: 'user', content: 'hi' }] };
    expect(validator.validate({ ...base, max_completion_tokens: null }).errors).toEqual([]);
    expect(validator.validate({ ...base, max_completion_tokens: 'ten' }).valid).toBe(false);
  }, 60_000);

  it('throws a clear error for an unknown schema name', () => {
    let error: unknown;
    try {
      openApiSchema('CreateResponses');
    } catch (caught) {
      error = caught;
    }
    expect(TestUtilsError.isInstance(error)).toBe(true);
    expect((error as TestUtilsError).code).toBe('schema-not-found');
    expect((error as TestUtilsError).message).toContain('CreateResponses');
  });
});

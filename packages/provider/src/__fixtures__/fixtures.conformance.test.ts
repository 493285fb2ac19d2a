/**
 * This package's own fixtures must be real Responses API shapes: every response is valid
 * against the shared OpenAPI `Response` schema and every stream event against its event schema
 * (lenient mode: nulls where the service sends them). `mixed.response.json` is deliberately
 * malformed (unknown and broken items) and is not checked.
 */
import {
  createOpenApiSchemaValidator,
  createResponsesStreamEventValidator,
} from '@amplifier-azure-openai/test-utils';
import { describe, expect, it } from 'vitest';
import { loadChunks, loadFixture } from './load-fixture.js';

describe('own fixtures follow the Responses API spec', () => {
  it.each([
    'text.response.json',
    'tool-call.response.json',
    'reasoning.response.json',
    'filtered.response.json',
    'parallel-wrapper.response.json',
  ])(
    '%s is a valid Response',
    name => {
      const result = createOpenApiSchemaValidator('Response', 'lenient').validate(
        loadFixture(name),
      );
      expect(result.errors).toEqual([]);
    },
    120_000,
  );

  it.each(['text.chunks.txt', 'tool-call.chunks.txt', 'reasoning.chunks.txt', 'failed.chunks.txt'])(
    '%s holds valid stream events',
    name => {
      const validator = createResponsesStreamEventValidator();
      for (const event of loadChunks(name)) {
        expect({
          event: (event as { type: string }).type,
          errors: validator.validate(event).errors,
        }).toEqual({
          event: (event as { type: string }).type,
          errors: [],
        });
      }
    },
    120_000,
  );
});

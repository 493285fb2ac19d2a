import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemaValidationError } from './openapi-validator.js';
import {
  createResponsesStreamEventValidator,
  type ResponsesStreamEventValidator,
} from './responses-stream-event-validator.js';
import { readSharedChunks } from './shared-files.js';

/**
 * Where the recordings (2025) and the newer spec disagree: the spec now requires
 * `usage.input_tokens_details.cache_write_tokens` and `name` on
 * `response.function_call_arguments.done`. Anything else is a real failure.
 */
function isKnownDrift(error: SchemaValidationError): boolean {
  return (
    error.path === '/response/usage/input_tokens_details/cache_write_tokens' ||
    error.path === '/response/usage' ||
    error.path === '/name'
  );
}

const RECORDINGS = [
  'conformance/vercel-ai-fixtures/azure/azure-text.1.chunks.txt',
  'conformance/vercel-ai-fixtures/azure/azure-tool-call.1.chunks.txt',
  'conformance/vercel-ai-fixtures/azure/azure-reasoning-encrypted-content.1.chunks.txt',
  'conformance/vercel-ai-fixtures/openai-reasoning-encrypted-content.1.chunks.txt',
];

describe('createResponsesStreamEventValidator', () => {
  let validator: ResponsesStreamEventValidator;
  beforeAll(() => {
    validator = createResponsesStreamEventValidator();
  }, 60_000);

  it('lists the spec event types', () => {
    for (const type of [
      'response.created',
      'response.output_text.delta',
      'response.function_call_arguments.delta',
      'response.reasoning_summary_text.delta',
      'response.completed',
      'response.failed',
      'error',
    ]) {
      expect(validator.eventTypes).toContain(type);
    }
    expect(validator.schemaNameFor('response.completed')).toBe('ResponseCompletedEvent');
  });

  it.each(RECORDINGS)(
    'accepts every event of %s (apart from known spec drift)',
    file => {
      const events = readSharedChunks(file);
      expect(events.length).toBeGreaterThan(0);
      for (const event of events) {
        const { errors } = validator.validate(event);
        expect(errors.filter(error => !isKnownDrift(error))).toEqual([]);
      }
    },
    60_000,
  );

  it('accepts a well-formed text delta', () => {
    const event = {
      type: 'response.output_text.delta',
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      delta: 'Hel',
      logprobs: [],
      sequence_number: 4,
    };
    expect(validator.validate(event)).toEqual({ valid: true, errors: [] });
  });

  it('rejects a delta of the wrong type at its path', () => {
    const event = {
      type: 'response.output_text.delta',
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      delta: 5,
      logprobs: [],
      sequence_number: 4,
    };
    const result = validator.validate(event);
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual({ path: '/delta', message: 'must be string' });
  });

  it('rejects an event missing sequence_number', () => {
    const result = validator.validate({
      type: 'response.function_call_arguments.delta',
      item_id: 'fc_1',
      output_index: 0,
      delta: '{"a"',
    });
    expect(result.errors).toContainEqual({
      path: '/sequence_number',
      message: 'is required but missing',
    });
  });

  it('rejects unknown types, missing types and non-objects', () => {
    expect(validator.validate({ type: 'response.made_up' }).errors[0]?.path).toBe('/type');
    expect(validator.validate({ delta: 'x' }).errors[0]?.path).toBe('/type');
    expect(validator.validate([]).errors).toEqual([{ path: '/', message: 'must be an object' }]);
  });

  it("accepts null for optional response fields only in 'lenient' mode", () => {
    const created = readSharedChunks(RECORDINGS[0] ?? '')[0];
    expect(validator.validate(created).valid).toBe(true);
    const strict = createResponsesStreamEventValidator({ mode: 'strict' });
    const strictPaths = strict.validate(created).errors.map(error => error.path);
    expect(strictPaths).toContain('/response/user');
  }, 60_000);
});

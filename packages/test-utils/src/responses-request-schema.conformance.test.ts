import { describe, expect, it } from 'vitest';
import { declaredProperties, rawOpenApiSchema } from './openapi-spec.js';
import { RESPONSES_REQUEST_SCHEMA } from './responses-request-schema.js';

/*
 * Drift guard for the project-owned request schema `pnpm test` uses: it names no top-level field
 * that the official spec's CreateResponse does not declare. (The provider's
 * request-bodies.conformance test checks built bodies against both.)
 */
describe('RESPONSES_REQUEST_SCHEMA against the OpenAPI spec', () => {
  it('declares only CreateResponse fields', () => {
    const ours = Object.keys(RESPONSES_REQUEST_SCHEMA.properties as Record<string, unknown>);
    const spec = new Set(declaredProperties(rawOpenApiSchema('CreateResponse')));
    expect(ours.filter(key => !spec.has(key))).toEqual([]);
  });
});

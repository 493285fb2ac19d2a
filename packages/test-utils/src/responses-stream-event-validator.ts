import {
  type JsonSchemaObject,
  rawOpenApiSchema,
  refName,
  type SchemaMode,
} from './openapi-spec.js';
import type { SchemaValidationResult } from './openapi-validator.js';
import { compiledComponent, formatAjvErrors } from './openapi-validator.js';

/** Options for {@link createResponsesStreamEventValidator}. */
export interface ResponsesStreamEventValidatorOptions {
  /**
   * `'lenient'` (default) accepts `null` for properties the spec does not require, as the
   * service sends them (e.g. `response.user`); `'strict'` reads the spec as written.
   */
  mode?: SchemaMode | undefined;
}

/** Validator for Responses API streaming events (one parsed SSE `data:` payload at a time). */
export interface ResponsesStreamEventValidator {
  /** Validates one event against the spec schema for its `type`. */
  validate(event: unknown): SchemaValidationResult;
  /** Every event `type` the spec's `ResponseStreamEvent` lists (sorted). */
  readonly eventTypes: readonly string[];
  /** The component schema name for an event type, e.g. `ResponseCompletedEvent`. */
  schemaNameFor(type: string): string | undefined;
}

let cachedTypeMap: ReadonlyMap<string, string> | undefined;

function eventTypeOf(schema: JsonSchemaObject, seen = new Set<string>()): string[] {
  const ref = refName(schema);
  if (ref !== undefined) {
    if (seen.has(ref)) return [];
    seen.add(ref);
    return eventTypeOf(rawOpenApiSchema(ref), seen);
  }
  const types: string[] = [];
  const properties = schema.properties as Record<string, JsonSchemaObject> | undefined;
  const typeSchema = properties?.type;
  if (typeSchema !== undefined) {
    if (typeof typeSchema.const === 'string') types.push(typeSchema.const);
    if (Array.isArray(typeSchema.enum)) {
      for (const value of typeSchema.enum) if (typeof value === 'string') types.push(value);
    }
  }
  for (const part of (schema.allOf as JsonSchemaObject[] | undefined) ?? []) {
    types.push(...eventTypeOf(part, seen));
  }
  return types;
}

function eventTypeMap(): ReadonlyMap<string, string> {
  if (cachedTypeMap !== undefined) return cachedTypeMap;
  const root = rawOpenApiSchema('ResponseStreamEvent');
  const branches = [
    ...((root.anyOf as JsonSchemaObject[] | undefined) ?? []),
    ...((root.oneOf as JsonSchemaObject[] | undefined) ?? []),
  ];
  const map = new Map<string, string>();
  for (const branch of branches) {
    const name = refName(branch);
    if (name === undefined) continue;
    for (const type of eventTypeOf(branch)) if (!map.has(type)) map.set(type, name);
  }
  cachedTypeMap = map;
  return map;
}

/**
 * Builds a validator for Responses API stream events from the official OpenAPI spec
 * (`components.schemas.ResponseStreamEvent`). Each event is dispatched on its `type` to the
 * matching event schema (e.g. `response.completed` to `ResponseCompletedEvent`), which gives
 * precise errors; an unknown `type` is an error at `/type`. Event schemas compile lazily, once.
 *
 * @example
 * ```ts
 * const validator = createResponsesStreamEventValidator();
 * for (const event of readSharedChunks('conformance/vercel-ai-fixtures/azure/azure-text.1.chunks.txt')) {
 *   expect(validator.validate(event).errors).toEqual([]);
 * }
 * ```
 */
export function createResponsesStreamEventValidator(
  options: ResponsesStreamEventValidatorOptions = {},
): ResponsesStreamEventValidator {
  const map = eventTypeMap();
  const eventTypes = Object.freeze([...map.keys()].sort());
  return {
    eventTypes,
    schemaNameFor: type => map.get(type),
    validate(event: unknown): SchemaValidationResult {
      if (typeof event !== 'object' || event === null || Array.isArray(event)) {
        return { valid: false, errors: [{ path: '/', message: 'must be an object' }] };
      }
      const type = (event as { type?: unknown }).type;
      if (typeof type !== 'string') {
        return {
          valid: false,
          errors: [{ path: '/type', message: 'is required and must be a string' }],
        };
      }
      const schemaName = map.get(type);
      if (schemaName === undefined) {
        return {
          valid: false,
          errors: [
            {
              path: '/type',
              message: `unknown stream event type ${JSON.stringify(type)}; the spec lists ${eventTypes.length} types (see eventTypes)`,
            },
          ],
        };
      }
      const fn = compiledComponent(schemaName, options.mode ?? 'lenient');
      const valid = fn(event) === true;
      return { valid, errors: valid ? [] : formatAjvErrors(fn.errors) };
    },
  };
}

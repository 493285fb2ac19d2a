import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiSchema, openApiSchemas, type SchemaMode } from './openapi-spec.js';

/** One validation problem: where (JSON Pointer into the validated value, `/` for the root) and what. */
export interface SchemaValidationError {
  /** JSON Pointer of the offending value, e.g. `/max_output_tokens` or `/tools/0/name`; `/` is the root. */
  path: string;
  /** What is wrong, e.g. `must be integer`. */
  message: string;
}

/** Result of validating one value. */
export interface SchemaValidationResult {
  /** True when there are no errors. */
  valid: boolean;
  /** Every problem found (empty when valid). */
  errors: SchemaValidationError[];
}

/** A reusable validator for one kind of value. */
export interface SchemaValidator {
  /** Validates `value`; never throws for bad input. */
  validate(value: unknown): SchemaValidationResult;
}

const SPEC_ID = 'urn:amplifier-azure-openai:openai-openapi';
const cachedAjv = new Map<SchemaMode, Ajv2020>();
const compiled = new Map<string, ValidateFunction>();

function ajv(mode: SchemaMode): Ajv2020 {
  const cached = cachedAjv.get(mode);
  if (cached !== undefined) return cached;
  const instance = new Ajv2020({
    strict: false,
    allErrors: true,
    validateSchema: false,
    logger: false,
  });
  addFormats(instance);
  instance.addSchema({ $id: SPEC_ID, components: { schemas: openApiSchemas(mode) } });
  cachedAjv.set(mode, instance);
  return instance;
}

/**
 * The compiled Ajv validator for `components.schemas.<name>` (compiled once, cached).
 * @internal
 */
export function compiledComponent(name: string, mode: SchemaMode): ValidateFunction {
  const key = `${mode}:${name}`;
  const existing = compiled.get(key);
  if (existing !== undefined) return existing;
  openApiSchema(name, mode); // throws a clear error for unknown names
  const fn = ajv(mode).compile({ $ref: `${SPEC_ID}#/components/schemas/${name}` });
  compiled.set(key, fn);
  return fn;
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Turns Ajv errors into `{ path, message }`, naming missing/extra properties in the path. */
export function formatAjvErrors(
  errors: readonly ErrorObject[] | null | undefined,
): SchemaValidationError[] {
  const out: SchemaValidationError[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    // `if`/`then` dispatch failures repeat what the selected branch already reported.
    if (error.keyword === 'if') continue;
    let path = error.instancePath;
    let message = error.message ?? `fails ${error.keyword}`;
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
      path = `${path}/${escapePointer(params.missingProperty)}`;
      message = 'is required but missing';
    } else if (
      error.keyword === 'additionalProperties' &&
      typeof params.additionalProperty === 'string'
    ) {
      path = `${path}/${escapePointer(params.additionalProperty)}`;
      message = 'is not an allowed property here';
    } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
      message = `must be one of ${params.allowedValues.map(describe).join(', ')}`;
    } else if (error.keyword === 'const') {
      message = `must be ${describe(params.allowedValue)}`;
    }
    if (path === '') path = '/';
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}

/**
 * A validator for any schema of the official OpenAI OpenAPI spec, by component name
 * (e.g. `'Response'`, `'CreateResponse'`, `'ResponseCompletedEvent'`). Compiled lazily and cached.
 * Use `'strict'` (default) for what a client sends, `'lenient'` for what the service returns
 * (see {@link SchemaMode}).
 *
 * @throws {@link TestUtilsError} (`schema-not-found`) when the spec has no such schema.
 * @example
 * ```ts
 * const { valid, errors } = createOpenApiSchemaValidator('Response').validate(json);
 * ```
 */
export function createOpenApiSchemaValidator(
  schemaName: string,
  mode: SchemaMode = 'strict',
): SchemaValidator {
  const fn = compiledComponent(schemaName, mode);
  return {
    validate(value: unknown): SchemaValidationResult {
      const valid = fn(value) === true;
      return { valid, errors: valid ? [] : formatAjvErrors(fn.errors) };
    },
  };
}

import { parse } from 'yaml';
import { TestUtilsError } from './errors.js';
import { readSharedFile } from './shared-files.js';

/** Location of the official OpenAI OpenAPI spec, relative to `sharedDir()`. */
export const OPENAPI_SPEC_PATH = 'conformance/openai-openapi/openapi.yaml';

/** A JSON-Schema-like object as found in the spec (loosely typed on purpose). */
export type JsonSchemaObject = Record<string, unknown>;

/**
 * How strictly schemas are read:
 * - `'strict'` (requests): the spec as written.
 * - `'lenient'` (responses and stream events): additionally, a property that its declaring
 *   schema does not list in `required` also accepts `null`, because the service sends `null`
 *   for many such fields (e.g. `user`, `usage` on `response.created`) that the spec types
 *   without `null`.
 */
export type SchemaMode = 'strict' | 'lenient';

const cachedSchemas = new Map<SchemaMode, Readonly<Record<string, JsonSchemaObject>>>();

function isObject(value: unknown): value is JsonSchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type RawSchemas = Readonly<Record<string, unknown>>;

/**
 * The fixed values of a required `type` property of `schema` (following `$ref`, `allOf` and
 * nested unions whose branches all have one), or `undefined` when `type` is not a required
 * property with fixed string values.
 */
function typeValues(schema: unknown, raw: RawSchemas, seen: Set<string>): string[] | undefined {
  if (!isObject(schema)) return undefined;
  const ref = refName(schema);
  if (ref !== undefined) {
    if (seen.has(ref)) return undefined;
    const next = new Set(seen).add(ref);
    return typeValues(raw[ref], raw, next);
  }
  const properties = isObject(schema.properties) ? schema.properties : undefined;
  const typeSchema = properties?.type;
  const required = Array.isArray(schema.required) && schema.required.includes('type');
  if (isObject(typeSchema) && required) {
    if (typeof typeSchema.const === 'string') return [typeSchema.const];
    if (
      Array.isArray(typeSchema.enum) &&
      typeSchema.enum.length > 0 &&
      typeSchema.enum.every(v => typeof v === 'string')
    ) {
      return typeSchema.enum as string[];
    }
    return undefined;
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) {
      const values = typeValues(part, raw, seen);
      if (values !== undefined) return values;
    }
  }
  const union = Array.isArray(schema.oneOf) ? schema.oneOf : schema.anyOf;
  if (Array.isArray(union) && union.length > 0) {
    const all: string[] = [];
    for (const branch of union) {
      const values = typeValues(branch, raw, seen);
      if (values === undefined) return undefined;
      all.push(...values);
    }
    return all;
  }
  return undefined;
}

/**
 * Rewrites a union so that branches discriminated by a required `type` are dispatched on it:
 * `{ allOf: [{ if: { type: T }, then: <branches with T> }, ..., { type must be one of all T }] }`.
 * This accepts exactly what `anyOf` over those branches accepts, but a failing value reports
 * only the errors of the branch its `type` selects. Branches without such a `type` stay as
 * `anyOf` alternatives next to the dispatched group.
 */
function discriminateUnion(
  branches: readonly unknown[],
  componentName: string,
  mode: SchemaMode,
  raw: RawSchemas,
): { anyOf?: unknown[]; allOf?: unknown[] } {
  const byValue = new Map<string, unknown[]>();
  const plain: unknown[] = [];
  const all: unknown[] = [];
  let discriminated = 0;
  for (const branch of branches) {
    const normalized = normalize(branch, componentName, mode, raw);
    all.push(normalized);
    const values = typeValues(branch, raw, new Set([componentName]));
    if (values === undefined) {
      plain.push(normalized);
      continue;
    }
    discriminated += 1;
    for (const value of new Set(values)) {
      const list = byValue.get(value) ?? [];
      list.push(normalized);
      byValue.set(value, list);
    }
  }
  if (discriminated < 2) {
    return { anyOf: all };
  }
  const dispatch: unknown[] = [];
  for (const [value, targets] of byValue) {
    // A JSON Schema `if`/`then` pair (built with fromEntries: a literal `then` key reads as a thenable).
    dispatch.push(
      Object.fromEntries([
        ['if', { properties: { type: { const: value } }, required: ['type'] }],
        ['then', targets.length === 1 ? targets[0] : { anyOf: targets }],
      ]),
    );
  }
  dispatch.push({
    type: 'object',
    required: ['type'],
    properties: { type: { enum: [...byValue.keys()] } },
  });
  return plain.length === 0 ? { allOf: dispatch } : { anyOf: [...plain, { allOf: dispatch }] };
}

/**
 * Rewrites OpenAPI-only constructs into plain JSON Schema (2020-12) so Ajv can validate with them:
 * - `oneOf` becomes `anyOf`: the spec's unions overlap (an `EasyInputMessage` is also an
 *   `InputMessage`), so exactly-one would reject valid bodies.
 * - Union branches that each require a `type` property with fixed values are dispatched on
 *   `type` (`if`/`then`), so a bad tool or item reports only its own branch's errors (see
 *   {@link discriminateUnion}).
 * - `nullable: true` (OpenAPI 3.0) becomes `type: [T, 'null']` (plus `null` in any `enum`), or an
 *   `anyOf` with `{ type: 'null' }` when there is no `type`; `nullable` is removed.
 * - `$recursiveRef: '#'` (2019-09, not understood by Ajv's 2020 dialect) becomes a `$ref` to the
 *   enclosing component schema.
 * Everything else (`discriminator`, `example`, `x-*`, ...) is left alone and ignored by Ajv.
 */
function normalize(
  node: unknown,
  componentName: string,
  mode: SchemaMode,
  raw: RawSchemas,
): unknown {
  if (Array.isArray(node)) return node.map(item => normalize(item, componentName, mode, raw));
  if (!isObject(node)) return node;
  const out: JsonSchemaObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable') continue;
    if (key === '$recursiveRef' && value === '#') {
      out.$ref = `#/components/schemas/${componentName}`;
      continue;
    }
    if (key === 'example' || key === 'examples' || key === 'default' || key.startsWith('x-')) {
      out[key] = value;
      continue;
    }
    if (key === 'properties' && isObject(value)) {
      const required = Array.isArray(node.required) ? node.required : [];
      const properties: JsonSchemaObject = {};
      for (const [name, propertySchema] of Object.entries(value)) {
        const normalized = normalize(propertySchema, componentName, mode, raw);
        properties[name] =
          mode === 'lenient' && !required.includes(name)
            ? { anyOf: [normalized, { type: 'null' }] }
            : normalized;
      }
      out.properties = properties;
      continue;
    }
    if ((key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) {
      const union = discriminateUnion(value, componentName, mode, raw);
      if (union.allOf !== undefined && node.allOf === undefined) {
        out.allOf = union.allOf;
      } else {
        out.anyOf = union.anyOf ?? [{ allOf: union.allOf }];
      }
      continue;
    }
    out[key] = normalize(value, componentName, mode, raw);
  }
  if (node.nullable === true) {
    const type = out.type;
    if (typeof type === 'string') {
      out.type = [type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else if (Array.isArray(type)) {
      if (!type.includes('null')) out.type = [...type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else {
      const description = out.description;
      return {
        ...(description === undefined ? {} : { description }),
        anyOf: [out, { type: 'null' }],
      };
    }
  }
  return out;
}

/**
 * All `components.schemas` of the official OpenAI OpenAPI spec
 * (`<shared>/conformance/openai-openapi/openapi.yaml`), normalized for Ajv (`nullable` and
 * `$recursiveRef` rewritten, `oneOf` read as `anyOf`; see {@link SchemaMode} and the README).
 * The YAML (about 3 MB) is parsed once, on first call, and cached for the process.
 *
 * @throws {@link TestUtilsError} when the spec cannot be read or has no `components.schemas`.
 */
export function openApiSchemas(
  mode: SchemaMode = 'strict',
): Readonly<Record<string, JsonSchemaObject>> {
  const cached = cachedSchemas.get(mode);
  if (cached !== undefined) return cached;
  const schemas = rawSchemas();
  const result: Record<string, JsonSchemaObject> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const normalized = normalize(schema, name, mode, schemas);
    if (isObject(normalized)) result[name] = normalized;
  }
  const frozen = Object.freeze(result);
  cachedSchemas.set(mode, frozen);
  return frozen;
}

let cachedRaw: JsonSchemaObject | undefined;

function rawSchemas(): JsonSchemaObject {
  if (cachedRaw !== undefined) return cachedRaw;
  const doc: unknown = parse(readSharedFile(OPENAPI_SPEC_PATH), { maxAliasCount: -1 });
  const components = isObject(doc) ? doc.components : undefined;
  const schemas = isObject(components) ? components.schemas : undefined;
  if (!isObject(schemas)) {
    throw new TestUtilsError({
      code: 'schema-not-found',
      path: OPENAPI_SPEC_PATH,
      message: `${OPENAPI_SPEC_PATH} has no components.schemas; is it the OpenAI OpenAPI spec?`,
    });
  }
  cachedRaw = schemas;
  return schemas;
}

/**
 * One component schema by name (e.g. `'CreateResponse'`), normalized.
 *
 * @throws {@link TestUtilsError} (`schema-not-found`) when the spec has no such schema.
 */
export function openApiSchema(name: string, mode: SchemaMode = 'strict'): JsonSchemaObject {
  const schema = openApiSchemas(mode)[name];
  if (schema === undefined) {
    throw new TestUtilsError({
      code: 'schema-not-found',
      path: OPENAPI_SPEC_PATH,
      message: `The OpenAPI spec has no schema components.schemas.${name}. Check the spelling (schema names are PascalCase, e.g. CreateResponse).`,
    });
  }
  return schema;
}

/**
 * One component schema exactly as the spec writes it (not normalized).
 * @internal
 */
export function rawOpenApiSchema(name: string): JsonSchemaObject {
  const schema = rawSchemas()[name];
  if (!isObject(schema)) {
    openApiSchema(name); // throws the standard error
    throw new Error(`unreachable: ${name}`);
  }
  return schema;
}

/** The component name a local `$ref` (`#/components/schemas/X`) points to, if it is one. */
export function refName(schema: unknown): string | undefined {
  if (!isObject(schema) || typeof schema.$ref !== 'string') return undefined;
  const prefix = '#/components/schemas/';
  return schema.$ref.startsWith(prefix) ? schema.$ref.slice(prefix.length) : undefined;
}

/**
 * The property names a schema declares, following `$ref`, `allOf`, `anyOf` and `oneOf`.
 */
export function declaredProperties(schema: unknown, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (!isObject(schema)) return names;
  const ref = refName(schema);
  if (ref !== undefined && !seen.has(ref)) {
    seen.add(ref);
    for (const name of declaredProperties(rawOpenApiSchema(ref), seen)) names.add(name);
  }
  if (isObject(schema.properties)) {
    for (const name of Object.keys(schema.properties)) names.add(name);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const parts = schema[key];
    if (Array.isArray(parts)) {
      for (const part of parts) {
        for (const name of declaredProperties(part, seen)) names.add(name);
      }
    }
  }
  return names;
}

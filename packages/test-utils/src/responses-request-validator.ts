import { declaredProperties, rawOpenApiSchema } from './openapi-spec.js';
import type { SchemaValidationError, SchemaValidationResult } from './openapi-validator.js';
import { compiledComponent, formatAjvErrors } from './openapi-validator.js';

/** Options for {@link createResponsesRequestValidator}. */
export interface ResponsesRequestValidatorOptions {
  /**
   * Accept top-level keys that `CreateResponse` does not declare (default `false`: each is an
   * error, so a stray Chat Completions field such as `max_tokens` is caught even though the spec
   * itself allows additional properties).
   */
  allowUnknownTopLevelKeys?: boolean | undefined;
}

/** Validator for Responses API request bodies (`POST /responses`). */
export interface ResponsesRequestValidator {
  /** Validates a request body against `CreateResponse` plus the top-level extra-keys check. */
  validate(body: unknown): SchemaValidationResult;
  /** The top-level keys `CreateResponse` declares (sorted). */
  readonly declaredKeys: readonly string[];
}

let cachedDeclaredKeys: readonly string[] | undefined;

function createResponseKeys(): readonly string[] {
  cachedDeclaredKeys ??= Object.freeze(
    [...declaredProperties(rawOpenApiSchema('CreateResponse'))].sort(),
  );
  return cachedDeclaredKeys;
}

/**
 * Builds a validator for Responses API request bodies from the official OpenAPI spec
 * (`components.schemas.CreateResponse` in `<shared>/conformance/openai-openapi/openapi.yaml`).
 * The spec is parsed and the schema compiled once per process, on first use.
 *
 * Besides the schema, every top-level key the schema does not declare is reported as an error
 * (`CreateResponse` allows additional properties, so e.g. `max_tokens` would otherwise pass),
 * unless `allowUnknownTopLevelKeys` is set.
 *
 * @example
 * ```ts
 * const result = createResponsesRequestValidator().validate(JSON.parse(requestBody));
 * expect(result.errors).toEqual([]);
 * ```
 */
export function createResponsesRequestValidator(
  options: ResponsesRequestValidatorOptions = {},
): ResponsesRequestValidator {
  const fn = compiledComponent('CreateResponse', 'strict');
  const declaredKeys = createResponseKeys();
  const declared = new Set(declaredKeys);
  return {
    declaredKeys,
    validate(body: unknown): SchemaValidationResult {
      const errors: SchemaValidationError[] = fn(body) === true ? [] : formatAjvErrors(fn.errors);
      if (
        options.allowUnknownTopLevelKeys !== true &&
        typeof body === 'object' &&
        body !== null &&
        !Array.isArray(body)
      ) {
        for (const key of Object.keys(body)) {
          if (declared.has(key)) continue;
          const path = `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
          if (errors.some(e => e.path === path)) continue;
          const hint = key === 'max_tokens' ? ' (the Responses API uses max_output_tokens)' : '';
          errors.push({
            path,
            message: `is not a CreateResponse field${hint}`,
          });
        }
      }
      return { valid: errors.length === 0, errors };
    },
  };
}

let cachedValidator: ResponsesRequestValidator | undefined;

/**
 * Validates one Responses API request body against the official OpenAPI spec in the shared
 * directory, with a process-wide cached {@link createResponsesRequestValidator} (default options).
 * Reads `../shared`: use it only in `*.conformance.test.ts` files (the project's own schema,
 * `validateResponsesRequest`, needs nothing outside the repository).
 *
 * @example
 * ```ts
 * expect(validateResponsesRequestAgainstSpec({ model: 'gpt-5', input: 'hi' }).valid).toBe(true);
 * ```
 */
export function validateResponsesRequestAgainstSpec(body: unknown): SchemaValidationResult {
  cachedValidator ??= createResponsesRequestValidator();
  return cachedValidator.validate(body);
}

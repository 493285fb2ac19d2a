export type { TestUtilsErrorCode } from './errors.js';
export { TestUtilsError } from './errors.js';
export { freePort } from './free-port.js';
export { INTERFERING_IDENTITY_ENV_VARS, isolateIdentityEnv } from './identity-env.js';
export type { JsonSchemaObject, SchemaMode } from './openapi-spec.js';
export { OPENAPI_SPEC_PATH, openApiSchema, openApiSchemas } from './openapi-spec.js';
export type {
  SchemaValidationError,
  SchemaValidationResult,
  SchemaValidator,
} from './openapi-validator.js';
export { createOpenApiSchemaValidator } from './openapi-validator.js';
export {
  hasRedisServer,
  REDIS_INSTALL_COMMAND,
  type RedisServerHandle,
  startRedisServer,
} from './redis-server.js';
export { repoRoot } from './repo-root.js';
export { RESPONSES_REQUEST_SCHEMA, validateResponsesRequest } from './responses-request-schema.js';
export type {
  ResponsesRequestValidator,
  ResponsesRequestValidatorOptions,
} from './responses-request-validator.js';
export {
  createResponsesRequestValidator,
  validateResponsesRequestAgainstSpec,
} from './responses-request-validator.js';
export type {
  ResponsesStreamEventValidator,
  ResponsesStreamEventValidatorOptions,
} from './responses-stream-event-validator.js';
export { createResponsesStreamEventValidator } from './responses-stream-event-validator.js';
export type { ReadSharedChunksOptions } from './shared-files.js';
export {
  readSharedChunks,
  readSharedFile,
  readSharedJson,
  sharedDir,
  sharedPath,
} from './shared-files.js';
export { TEST_TLS_CERT, TEST_TLS_KEY } from './tls-fixture.js';
export { VERSION } from './version.js';
export type { EnvPatch } from './with-env.js';
export { withEnv } from './with-env.js';

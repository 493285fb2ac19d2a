export type { ErrorAnswer } from './azure-errors.js';
export { ACCESS_DENIED_MESSAGE } from './azure-errors.js';
export { DEFAULT_DEPLOYMENTS } from './default-deployments.js';
export { EmulatorError } from './emulator-error.js';
export { FAULT_KINDS, parseFaultSpec } from './faults.js';
export { IDENTITY_API_VERSION, IDENTITY_PATH } from './identity-endpoint.js';
export { ISSUED_ITEMS, ItemRegistry } from './item-registry.js';
export { MAX_LONG_ANSWER_WORDS } from './model.js';
export { DEFAULT_ESTIMATED_OUTPUT_TOKENS, estimateRequestTokens } from './quota-limiter.js';
export { EMULATOR_HOST, startEmulator } from './start-emulator.js';
export { SYSTEM_CLIENT_ID } from './token-issuer.js';
export type {
  BackgroundFailure,
  BackgroundResponseInfo,
  BackgroundStatus,
  ContentFilterCategory,
  ContentFilterFault,
  ContextLengthFault,
  DeploymentConfig,
  DeploymentQuota,
  DropConnectionFault,
  DropMidStreamFault,
  Emulator,
  EmulatorLogger,
  EmulatorOptions,
  EmulatorRecorder,
  FaultBase,
  FaultKind,
  FaultSpec,
  GatewayOptions,
  IncompleteFault,
  IssueTokenOptions,
  LatencyFault,
  MalformedToolArgumentsFault,
  RateLimitFault,
  RecordedAuthMethod,
  RecordedReasoningInputs,
  RecordedRequest,
  RequestValidationResult,
  RequestValidator,
  RevokeTokenFault,
  ServerErrorFault,
  StreamErrorFault,
  TokenEndpointFault,
} from './types.js';
export type { EmulatorTestHooks } from './use-emulator.js';
export { useEmulator } from './use-emulator.js';
export { VERSION } from './version.js';

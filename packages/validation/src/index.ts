export { escapeControlCharacters, findControlCharacter } from './control-characters.js';
export {
  type DeploymentTarget,
  type NormalizedTable,
  normalizeDeploymentMapping,
} from './deployment-mapping.js';
export { normalizeDefaultDeployment, normalizeDeploymentModels } from './deployment-models.js';
export {
  checkDeploymentName,
  DEPLOYMENT_NAME_RULE,
  type DeploymentNameResult,
  MAX_DEPLOYMENT_NAME_LENGTH,
} from './deployment-name.js';
export { type EndpointResult, isLoopbackHost, normalizeEndpoint } from './normalize-endpoint.js';
export type { ValidationProblem } from './validation-problem.js';
export { VERSION } from './version.js';

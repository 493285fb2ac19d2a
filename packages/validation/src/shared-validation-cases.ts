/**
 * One bad input and the exact problem it must produce, in `config` (a `ConfigProblem`) and in
 * `deployments` (a `DeploymentConfigProblem`) alike.
 */
export interface SharedValidationCase {
  /** What the case shows. */
  readonly name: string;
  /** The setting, in the snake_case of the config file (`deployments` uses its camelCase). */
  readonly setting:
    | 'azure_endpoint'
    | 'deployment_mapping'
    | 'deployment_models'
    | 'default_deployment';
  /** The value given (a structure, never JSON text: parsing text is a `config` concern). */
  readonly value: unknown;
  /** The expected problem's key, message and fix, word for word. */
  readonly key: string;
  readonly message: string;
  readonly fix: string;
}

const NAME_FIX =
  'Use the deployment name exactly as shown in Azure AI Foundry (Deployments): 1 to 64 letters, digits, "-", "_" or ".".';
const LIST_FIX = 'List each deployment (per endpoint) once; the list is the failover order.';

/**
 * The table both `config` and `deployments` run through their public entry points
 * (`resolveConfig`, `createDeploymentResolver`): the same bad input gives the same words.
 */
export const SHARED_VALIDATION_CASES: readonly SharedValidationCase[] = Object.freeze([
  {
    name: 'a space in a deployment name',
    setting: 'deployment_mapping',
    value: { 'gpt-5': 'my deployment' },
    key: 'deployment_mapping.gpt-5',
    message:
      'deployment_mapping.gpt-5 contains a space (U+0020), which Azure does not allow in a deployment name.',
    fix: NAME_FIX,
  },
  {
    name: 'a slash in a deployment name inside a list',
    setting: 'deployment_mapping',
    value: { 'gpt-5': ['primary', 'openai/gpt-5'] },
    key: 'deployment_mapping.gpt-5',
    message:
      'deployment_mapping.gpt-5[1] contains "/" (U+002F), which Azure does not allow in a deployment name.',
    fix: NAME_FIX,
  },
  {
    name: 'a control character in a deployment name',
    setting: 'deployment_mapping',
    value: { 'gpt-5': { deployment: 'prod\ngpt5' } },
    key: 'deployment_mapping.gpt-5',
    message:
      'deployment_mapping.gpt-5.deployment contains the control character U+000A (line feed); a deployment name cannot hold control characters.',
    fix: NAME_FIX,
  },
  {
    name: 'a deployment name longer than 64 characters',
    setting: 'deployment_mapping',
    value: { 'gpt-5': 'd'.repeat(65) },
    key: 'deployment_mapping.gpt-5',
    message:
      'deployment_mapping.gpt-5 is 65 characters long; an Azure deployment name has at most 64.',
    fix: NAME_FIX,
  },
  {
    name: 'the same deployment twice in one failover list',
    setting: 'deployment_mapping',
    value: { 'gpt-5': ['primary', ' primary '] },
    key: 'deployment_mapping.gpt-5',
    message: 'deployment_mapping.gpt-5[1] repeats the deployment "primary".',
    fix: LIST_FIX,
  },
  {
    name: 'the same deployment at the same endpoint, written two ways',
    setting: 'deployment_mapping',
    value: {
      'gpt-5': [
        { deployment: 'b', endpoint: 'https://west.openai.azure.com' },
        { deployment: 'b', endpoint: 'https://WEST.openai.azure.com/openai/v1/' },
      ],
    },
    key: 'deployment_mapping.gpt-5',
    message:
      'deployment_mapping.gpt-5[1] repeats the deployment "b" at https://west.openai.azure.com.',
    fix: LIST_FIX,
  },
  {
    name: 'a model named twice once trimmed',
    setting: 'deployment_mapping',
    value: { 'gpt-5': 'a', ' gpt-5 ': 'b' },
    key: 'deployment_mapping.gpt-5',
    message: 'deployment_mapping names the model "gpt-5" twice (names are trimmed).',
    fix: 'Keep one deployment_mapping entry for "gpt-5".',
  },
  {
    name: 'an empty failover list',
    setting: 'deployment_mapping',
    value: { 'gpt-5': [] },
    key: 'deployment_mapping.gpt-5',
    message:
      'deployment_mapping.gpt-5 is an empty list: there is no deployment to send the model to.',
    fix: 'List at least one deployment, e.g. "gpt-5" = ["primary", "backup"], or remove the entry.',
  },
  {
    name: 'an unknown field in a deployment table',
    setting: 'deployment_mapping',
    value: { 'gpt-5': { deployment: 'a', region: 'westus' } },
    key: 'deployment_mapping.gpt-5',
    message: 'deployment_mapping.gpt-5 has unknown field(s) `region`.',
    fix: 'A deployment table holds only `deployment` and optionally `endpoint`; remove the others.',
  },
  {
    name: 'a plain-http target endpoint',
    setting: 'deployment_mapping',
    value: { 'gpt-5': { deployment: 'a', endpoint: 'http://west.openai.azure.com' } },
    key: 'deployment_mapping.gpt-5',
    message:
      'deployment_mapping.gpt-5.endpoint uses http:// for west.openai.azure.com: the API key or token would travel in clear text.',
    fix: 'Use https:// (http is only allowed for loopback hosts: localhost, 127.0.0.1, ::1).',
  },
  {
    name: 'a target endpoint with a query string',
    setting: 'deployment_mapping',
    value: { 'gpt-5': { deployment: 'a', endpoint: 'https://west.openai.azure.com?api-key=x' } },
    key: 'deployment_mapping.gpt-5',
    message:
      'deployment_mapping.gpt-5.endpoint must not contain a query string (such as ?api-version=...).',
    fix: 'Remove everything from "?" on; set the version with `api_version` and the key with `api_key`.',
  },
  {
    name: 'a line break inside a target endpoint host',
    setting: 'deployment_mapping',
    value: { 'gpt-5': { deployment: 'a', endpoint: 'https://west.openai\n.azure.com' } },
    key: 'deployment_mapping.gpt-5',
    message: 'deployment_mapping.gpt-5.endpoint contains the control character U+000A (line feed).',
    fix: 'Write the endpoint again without line breaks or other control characters (copy it from the Azure portal).',
  },
  {
    name: 'a deployment_models key that is not a deployment name',
    setting: 'deployment_models',
    value: { 'my prod': 'gpt-5' },
    key: 'deployment_models.my prod',
    message:
      'deployment_models.my prod contains a space (U+0020), which Azure does not allow in a deployment name.',
    fix: NAME_FIX,
  },
  {
    name: 'a default_deployment with a "?"',
    setting: 'default_deployment',
    value: 'prod?gpt5',
    key: 'default_deployment',
    message:
      'default_deployment contains "?" (U+003F), which Azure does not allow in a deployment name.',
    fix: NAME_FIX,
  },
  {
    name: 'an azure_endpoint with credentials',
    setting: 'azure_endpoint',
    value: 'https://user:secret@x.openai.azure.com',
    key: 'azure_endpoint',
    message: '`azure_endpoint` must not contain credentials (user:password@) in the URL.',
    fix: 'Remove the credentials from the URL and pass the key as `api_key` or AZURE_OPENAI_API_KEY.',
  },
]);

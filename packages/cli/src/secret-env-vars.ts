/** Environment variables whose values are secrets (scrubbed from all output). */
export const SECRET_ENV_VARS: readonly string[] = Object.freeze([
  'AZURE_OPENAI_API_KEY',
  'AZURE_OPENAI_KEY',
  'AZURE_OPENAI_AD_TOKEN',
  'AZURE_APIM_SUBSCRIPTION_KEY',
  'IDENTITY_HEADER',
  'AZURE_CLIENT_SECRET',
  'AMPLIFIER_AZURE_OPENAI_SERVE_TOKEN',
]);

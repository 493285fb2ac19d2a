/**
 * Environment variables that would let another credential (or another managed-identity source)
 * answer instead of a test's App Service endpoint. Read from @azure/identity 4.13 and
 * @azure/msal-node: EnvironmentCredential (AZURE_TENANT_ID/CLIENT_ID/CLIENT_SECRET/...),
 * WorkloadIdentityCredential (AZURE_FEDERATED_TOKEN_FILE), DefaultAzureCredential's link
 * filter (AZURE_TOKEN_CREDENTIALS), AKS token exchange, and the MSAL source order
 * (Service Fabric > App Service > Machine Learning > Cloud Shell > Azure Arc > IMDS).
 */
export const INTERFERING_IDENTITY_ENV_VARS: readonly string[] = [
  'AZURE_CLIENT_ID',
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  'AZURE_CLIENT_SEND_CERTIFICATE_CHAIN',
  'AZURE_USERNAME',
  'AZURE_PASSWORD',
  'AZURE_FEDERATED_TOKEN_FILE',
  'AZURE_AUTHORITY_HOST',
  'AZURE_POD_IDENTITY_AUTHORITY_HOST',
  'AZURE_TOKEN_CREDENTIALS',
  'AZURE_REGIONAL_AUTHORITY_NAME',
  'IDENTITY_SERVER_THUMBPRINT',
  'MSI_ENDPOINT',
  'MSI_SECRET',
  'IMDS_ENDPOINT',
  'DEFAULT_IDENTITY_CLIENT_ID',
  'AZURE_LOG_LEVEL',
  'IDENTITY_ENDPOINT',
  'IDENTITY_HEADER',
];

/**
 * Clears the interfering variables from `process.env` (which `@azure/identity` reads), sets
 * `values`, and returns a function that restores the previous environment exactly.
 *
 * @example
 * ```ts
 * const restore = isolateIdentityEnv({ IDENTITY_ENDPOINT: emulator.identityEndpoint, IDENTITY_HEADER: emulator.identityHeader });
 * afterAll(restore);
 * ```
 */
export function isolateIdentityEnv(values: Record<string, string>): () => void {
  const saved = new Map<string, string | undefined>();
  for (const name of [...INTERFERING_IDENTITY_ENV_VARS, ...Object.keys(values)]) {
    if (!saved.has(name)) saved.set(name, process.env[name]);
    delete process.env[name];
  }
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

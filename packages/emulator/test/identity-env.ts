import type { Emulator } from '../src/index.js';

/** Variables that would make @azure/identity pick another source than App Service managed identity. */
const OTHER_SOURCES = [
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  'AZURE_USERNAME',
  'AZURE_PASSWORD',
  'AZURE_FEDERATED_TOKEN_FILE',
  'AZURE_TOKEN_CREDENTIALS',
  'AZURE_POD_IDENTITY_AUTHORITY_HOST',
  'IDENTITY_SERVER_THUMBPRINT',
  'MSI_ENDPOINT',
  'MSI_SECRET',
  'IMDS_ENDPOINT',
  'DEFAULT_IDENTITY_CLIENT_ID',
];

/** Points @azure/identity at the emulator's App Service endpoint; returns a restore function. */
export function useIdentityEnv(emulator: Emulator): () => void {
  const saved = new Map<string, string | undefined>();
  const set = (key: string, value: string | undefined): void => {
    if (!saved.has(key)) saved.set(key, process.env[key]);
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  };
  for (const key of OTHER_SOURCES) set(key, undefined);
  set('IDENTITY_ENDPOINT', emulator.identityEndpoint);
  set('IDENTITY_HEADER', emulator.identityHeader);
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

import type { LoadedCliConfig } from '../load-cli-config.js';
import type { CheckResult } from './check-result.js';

const AZURE_HOST =
  /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/i;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The endpoint as the user wrote it (file, then env), before normalization. */
function rawEndpoint(loaded: LoadedCliConfig, env: Record<string, string | undefined>): string {
  const fromFile = loaded.fileInput.azure_endpoint;
  if (typeof fromFile === 'string') return fromFile;
  return env.AZURE_OPENAI_ENDPOINT ?? env.AZURE_OPENAI_BASE_URL ?? '';
}

/**
 * Endpoint shape: https, an Azure OpenAI host name, normalized (no trailing slash or
 * `/openai[/v1]` path). http:// is accepted for loopback only (the local emulator).
 */
export function checkEndpoint(
  loaded: LoadedCliConfig,
  env: Record<string, string | undefined>,
): CheckResult {
  const endpoint = loaded.resolved.config.azureEndpoint;
  const raw = rawEndpoint(loaded, env).trim();
  const normalized = raw !== '' && raw !== endpoint ? ` (normalized from ${raw})` : '';
  const url = new URL(endpoint);
  const warning = loaded.resolved.warnings.find(w => w.key === 'azure_endpoint');
  if (url.protocol === 'http:') {
    return {
      name: 'endpoint',
      status: LOOPBACK.has(url.hostname) ? 'warn' : 'fail',
      summary: `${endpoint} uses http://${normalized}: only acceptable for a local emulator`,
      fix: 'Use the https:// endpoint of your Azure OpenAI resource (Azure portal > Keys and Endpoint).',
    };
  }
  if (warning !== undefined) {
    return {
      name: 'endpoint',
      status: 'warn',
      summary: `${endpoint}${normalized}: ${warning.message}`,
      fix: warning.fix ?? `Set azure_endpoint to ${endpoint}.`,
    };
  }
  if (!AZURE_HOST.test(url.hostname)) {
    return {
      name: 'endpoint',
      status: 'warn',
      summary: `${endpoint}${normalized}: not an *.openai.azure.com / *.cognitiveservices.azure.com host (custom domain or gateway?)`,
      fix: 'If requests fail, use the endpoint shown in the Azure portal under Keys and Endpoint.',
    };
  }
  return { name: 'endpoint', status: 'pass', summary: `${endpoint}${normalized}` };
}

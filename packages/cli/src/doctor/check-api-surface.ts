import type { LoadedCliConfig } from '../load-cli-config.js';
import type { CheckResult } from './check-result.js';

/** API surface and version: the v1 GA surface (no api-version) or a dated api-version. */
export function checkApiSurface(loaded: LoadedCliConfig): CheckResult {
  const { config, warnings } = loaded.resolved;
  const warning = warnings.find(w => w.key === 'api_version' || w.key === 'api_surface');
  const summary =
    config.apiSurface === 'v1'
      ? `v1 (GA, no api-version): ${config.baseUrl}/responses`
      : `dated, api-version ${config.apiVersion ?? '?'}: ${config.baseUrl}/responses?api-version=${config.apiVersion ?? '?'}`;
  if (warning !== undefined) {
    return {
      name: 'api version',
      status: 'warn',
      summary: `${summary}; ${warning.message}`,
      fix: warning.fix ?? 'Remove api_version to use the v1 API.',
    };
  }
  return { name: 'api version', status: 'pass', summary };
}

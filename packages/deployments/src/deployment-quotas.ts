import { type DeploymentConfigProblem, describeKind } from './deployment-errors.js';

/**
 * One deployment's quota as Azure enforces it: tokens and requests per window (a minute on Azure:
 * TPM and RPM). `windowSeconds` exists for emulators and tests that shorten the window.
 */
export interface DeploymentQuota {
  /** Tokens per window (Azure's TPM). Absent: not limited by tokens. */
  tpm?: number | undefined;
  /** Requests per window (Azure's RPM). Absent: not limited by requests. */
  rpm?: number | undefined;
  /** The window in seconds. Default: 60, as on Azure. */
  windowSeconds?: number | undefined;
}

/** A validated quota (internal shape shared with the quota gate). */
export interface NormalisedQuota {
  tokens: number | undefined;
  requests: number | undefined;
  windowMs: number;
}

const QUOTA_FIELDS = new Set(['tpm', 'rpm', 'window_seconds', 'windowSeconds']);
const FIX =
  'Write it as [deployment_quotas] "my-deployment" = { tpm = 30000, rpm = 180 } (TOML): whole numbers > 0, optional window_seconds (default 60).';

/**
 * Validates `deployment_quotas` (deployment name -> `{ tpm?, rpm?, window_seconds? }`), collecting
 * every problem. Accepts snake_case (`window_seconds`) and camelCase (`windowSeconds`).
 */
export function normalizeDeploymentQuotas(
  raw: unknown,
  problems: DeploymentConfigProblem[],
): Map<string, NormalisedQuota> {
  const quotas = new Map<string, NormalisedQuota>();
  if (raw === undefined || raw === null) return quotas;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({
      key: 'deployment_quotas',
      message: `Must be a table of deployment name -> { tpm, rpm }, but is ${describeKind(raw)}.`,
      fix: FIX,
    });
    return quotas;
  }
  for (const [rawName, value] of Object.entries(raw as Record<string, unknown>)) {
    const name = rawName.trim();
    const key = `deployment_quotas.${name === '' ? '""' : name}`;
    if (name === '' || typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({
        key,
        message:
          name === ''
            ? 'Has an entry with an empty deployment name.'
            : `Must be a { tpm, rpm } table, but is ${describeKind(value)}.`,
        fix: FIX,
      });
      continue;
    }
    const fields = value as Record<string, unknown>;
    let valid = true;
    for (const field of Object.keys(fields)) {
      if (!QUOTA_FIELDS.has(field)) {
        valid = false;
        problems.push({ key, message: `Unknown field "${field}".`, fix: FIX });
      }
    }
    const read = (field: string, value: unknown): number | undefined => {
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        valid = false;
        problems.push({
          key: `${key}.${field}`,
          message: `Must be a number > 0, but is ${typeof value === 'number' ? String(value) : describeKind(value)}.`,
          fix: FIX,
        });
        return undefined;
      }
      return value;
    };
    const tokens = read('tpm', fields.tpm);
    const requests = read('rpm', fields.rpm);
    const windowSeconds = read('window_seconds', fields.window_seconds ?? fields.windowSeconds);
    if (valid && tokens === undefined && requests === undefined) {
      valid = false;
      problems.push({ key, message: 'Names neither tpm nor rpm.', fix: FIX });
    }
    if (valid) {
      quotas.set(name, {
        tokens: tokens === undefined ? undefined : Math.floor(tokens),
        requests: requests === undefined ? undefined : Math.floor(requests),
        windowMs: Math.round((windowSeconds ?? 60) * 1000),
      });
    }
  }
  return quotas;
}

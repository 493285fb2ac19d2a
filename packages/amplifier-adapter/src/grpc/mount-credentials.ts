import { CONFIG_KEYS, type ResolvedConfig, resolveConfig } from '@amplifier-azure-openai/config';

/** Config keys whose values are credentials or pick an ambient identity of this machine. */
const CREDENTIAL_KEYS: readonly string[] = [
  'api_key',
  'azure_ad_token',
  'use_managed_identity',
  'use_default_credential',
  'managed_identity_client_id',
];

const CREDENTIAL_NAMES: ReadonlySet<string> = new Set(
  CONFIG_KEYS.filter(info => CREDENTIAL_KEYS.includes(info.key)).flatMap(info => [
    info.key,
    ...info.aliases,
  ]),
);

const CREDENTIAL_ENV_VARS: ReadonlySet<string> = new Set(
  CONFIG_KEYS.filter(info => CREDENTIAL_KEYS.includes(info.key)).flatMap(info => info.envVars),
);

/** Every Azure origin a resolved configuration sends requests (and so credentials) to. */
export function endpointsOf(resolved: ResolvedConfig): Set<string> {
  const endpoints = new Set<string>([resolved.config.azureEndpoint]);
  for (const targets of Object.values(resolved.config.deploymentMapping)) {
    for (const target of targets) if (target.endpoint !== undefined) endpoints.add(target.endpoint);
  }
  return endpoints;
}

/** The endpoints of the start-up configuration (empty when it does not resolve). */
export function startupEndpoints(
  config: Record<string, unknown>,
  env: Record<string, string | undefined>,
): ReadonlySet<string> {
  try {
    return endpointsOf(resolveConfig(config, env));
  } catch {
    return new Set();
  }
}

/** What {@link bindMountCredentials} decided. */
export type MountInputs =
  | { ok: true; config: Record<string, unknown>; env: Record<string, string | undefined> }
  | { ok: false; error: string };

function hasOwnCredential(mount: Record<string, unknown>): boolean {
  return ['api_key', 'azure_ad_token'].some(key => {
    const value = mount[key];
    return typeof value === 'string' && value.trim() !== '';
  });
}

/**
 * Decides which configuration and environment a `Mount` builds its provider from, so that the
 * start-up credentials (env, `--config`) stay bound to the start-up endpoints:
 *
 * - a Mount whose endpoints (`azure_endpoint` and every `deployment_mapping` endpoint) are all
 *   start-up endpoints builds from the start-up config overridden by the Mount config, as before;
 * - a Mount that adds any other endpoint builds without the start-up credentials (config keys and
 *   environment variables), so it must bring its own `api_key` or `azure_ad_token`, and may not
 *   use this machine's identity (`use_managed_identity`, `use_default_credential`).
 *
 * A Mount config that does not resolve is passed through: building it reports the problem.
 */
export function bindMountCredentials(options: {
  base: Record<string, unknown>;
  mount: Record<string, unknown>;
  env: Record<string, string | undefined>;
  startup: ReadonlySet<string>;
}): MountInputs {
  const { base, mount, env, startup } = options;
  const merged = { ...base, ...mount };
  let resolved: ResolvedConfig;
  try {
    resolved = resolveConfig(merged, env);
  } catch {
    return { ok: true, config: merged, env };
  }
  const foreign = [...endpointsOf(resolved)].filter(endpoint => !startup.has(endpoint));
  if (foreign.length === 0) return { ok: true, config: merged, env };

  const where = `Mount sends requests to ${foreign.join(', ')}, which is not an endpoint this server was started with`;
  if (!hasOwnCredential(mount)) {
    return {
      ok: false,
      error: `${where}, and it brings no api_key or azure_ad_token of its own. The start-up credentials are only ever sent to the start-up endpoint: put the credential for the new endpoint in the Mount config.`,
    };
  }
  const ownConfig = Object.fromEntries(
    Object.entries(base).filter(([key]) => !CREDENTIAL_NAMES.has(key)),
  );
  const ownEnv = Object.fromEntries(
    Object.entries(env).filter(([name]) => !CREDENTIAL_ENV_VARS.has(name)),
  );
  const config = { ...ownConfig, ...mount };
  try {
    const own = resolveConfig(config, ownEnv);
    if (own.config.useManagedIdentity || own.config.useDefaultCredential) {
      return {
        ok: false,
        error: `${where}; it may not use this machine's identity (use_managed_identity / use_default_credential). Send an api_key or azure_ad_token for it instead.`,
      };
    }
  } catch {
    // Building reports the problem.
  }
  return { ok: true, config, env: ownEnv };
}

/**
 * One Azure OpenAI deployment a request can be sent to.
 *
 * Same shape as `DeploymentTarget` of `@amplifier-azure-openai/config`.
 */
export interface DeploymentTarget {
  /** The deployment name (what Azure expects in the request body's `model`). */
  deployment: string;
  /**
   * Another Azure OpenAI resource to send this deployment's requests to (multi-region failover),
   * normalized like `azure_endpoint`: `https://x.openai.azure.com` (no trailing slash, no
   * `/openai` or `/openai/v1`). Absent: the provider's own `azure_endpoint`. Authentication is the
   * same for every endpoint.
   */
  endpoint?: string | undefined;
}

/** The result of {@link normalizeEndpoint}. */
export type NormalizedEndpoint = { ok: true; endpoint: string } | { ok: false; reason: string };

/**
 * Normalizes an endpoint URL like `azure_endpoint` (and like `@amplifier-azure-openai/config`):
 * trims it, requires `https:` (plain `http:` only for loopback hosts: keys and tokens must not
 * cross a network in clear), a host, no credentials, query or fragment, and drops trailing
 * slashes and a pasted `/openai`, `/openai/v1` or `/openai/deployments/...` suffix. The reason of
 * a failure never echoes the value.
 *
 * @example normalizeEndpoint('https://x.openai.azure.com/openai/v1/') // { ok: true, endpoint: 'https://x.openai.azure.com' }
 */
export function normalizeEndpoint(raw: string): NormalizedEndpoint {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'is an empty string' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not echoed: a value pasted into the wrong field may be a key.
    return { ok: false, reason: 'is not a URL (expected https://<resource>.openai.azure.com)' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'must not contain credentials' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `uses ${url.protocol.replace(/:$/, '')}, not https` };
  }
  if (url.hostname === '') return { ok: false, reason: 'has no host' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      reason: 'uses http; only https is allowed (http only for 127.0.0.1/localhost)',
    };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, reason: 'must not contain a query string or fragment' };
  }
  const path = url.pathname.replace(/\/openai(?:\/.*)?$/i, '').replace(/\/+$/, '');
  return { ok: true, endpoint: `${url.protocol}//${url.host}${path}` };
}

/** True for hosts where plain http is acceptable: 127.0.0.0/8, ::1 and localhost. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  return /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** The identity of a target for cooldowns: endpoint (or the default one) and deployment name. */
export function targetKey(target: DeploymentTarget, defaultEndpoint: string | undefined): string {
  return `${target.endpoint ?? defaultEndpoint ?? ''}\u0000${target.deployment}`;
}

/** Human-readable target: `deployment`, or `deployment@host` when it names another endpoint. */
export function describeTarget(target: DeploymentTarget): string {
  if (target.endpoint === undefined) return target.deployment;
  try {
    return `${target.deployment}@${new URL(target.endpoint).host}`;
  } catch {
    return `${target.deployment}@${target.endpoint}`;
  }
}

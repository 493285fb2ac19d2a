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
   * normalised like `azure_endpoint`: `https://x.openai.azure.com` (no trailing slash, no
   * `/openai` or `/openai/v1`). Absent: the provider's own `azure_endpoint`. Authentication is the
   * same for every endpoint.
   */
  endpoint?: string | undefined;
}

/** The result of {@link normaliseEndpoint}. */
export type NormalisedEndpoint = { ok: true; endpoint: string } | { ok: false; reason: string };

/**
 * Normalises an endpoint URL like `azure_endpoint`: trims it, requires `http:` or `https:`, a host,
 * no credentials, query or fragment, and drops a trailing slash and a trailing `/openai` or
 * `/openai/v1`. The reason of a failure never echoes credentials or query strings.
 */
export function normaliseEndpoint(raw: string): NormalisedEndpoint {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'is an empty string' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `"${truncate(text)}" is not a URL` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'must not contain credentials' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `uses ${url.protocol.replace(/:$/, '')}, not https` };
  }
  if (url.hostname === '') return { ok: false, reason: 'has no host' };
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, reason: 'must not contain a query string or fragment' };
  }
  const path = url.pathname
    .replace(/\/+$/, '')
    .replace(/\/openai(\/v1)?$/i, '')
    .replace(/\/+$/, '');
  return { ok: true, endpoint: `${url.protocol}//${url.host}${path}` };
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
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

import { findControlCharacter } from './control-characters.js';

/** The outcome of {@link normalizeEndpoint}: the normalized URL (and the suffix it dropped), or what is wrong and how to fix it. */
export type EndpointResult =
  | { ok: true; endpoint: string; stripped?: string | undefined }
  | { ok: false; message: string; fix: string };

const OPENAI_SUFFIX = /^(.*?)\/openai(?:\/.*)?$/i;
const PORTAL_FIX =
  'Use the endpoint shown in the Azure portal (Keys and Endpoint), e.g. https://my-resource.openai.azure.com.';

/** True for hosts where plain http is acceptable: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  return /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Normalizes an Azure OpenAI endpoint: trims whitespace, removes trailing slashes and a pasted
 * `/openai`, `/openai/v1` or `/openai/deployments/...` suffix (a gateway path prefix before it is
 * kept), and checks it is a URL without control characters, credentials, query or fragment, using
 * https (plain http only for loopback hosts: keys and tokens must not cross a network in clear).
 *
 * Messages never repeat the URL's credentials or query string (they may hold a key).
 *
 * @param raw - the endpoint text.
 * @param name - how to call the value in messages, e.g. "`azure_endpoint`" or
 *   "deployment_mapping.gpt-5[1].endpoint". Default: "The endpoint".
 * @example normalizeEndpoint('https://x.openai.azure.com/openai/v1/') // { ok: true, endpoint: 'https://x.openai.azure.com', stripped: '/openai/v1' }
 */
export function normalizeEndpoint(raw: string, name = 'The endpoint'): EndpointResult {
  const text = raw.trim();
  if (text === '') return { ok: false, message: `${name} is empty.`, fix: PORTAL_FIX };
  const control = findControlCharacter(text);
  if (control !== undefined) {
    // The URL parser would silently drop a tab or line break inside the host: refuse instead.
    return {
      ok: false,
      message: `${name} contains the control character ${control}.`,
      fix: 'Write the endpoint again without line breaks or other control characters (copy it from the Azure portal).',
    };
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    // Only a dotted name or localhost is echoed back as a suggestion: a bare token may be a key.
    const hostLike = /^(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d+)?(?:\/[^?#@\s]*)?$/i.test(
      text,
    );
    return {
      ok: false,
      message: `${name} must be a full URL starting with https://.`,
      fix: hostLike ? `Use https://${text.replace(/\/+$/, '')}.` : PORTAL_FIX,
    };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `${name} is not a valid URL.`, fix: PORTAL_FIX };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      message: `${name} must use https:// (got ${url.protocol}//).`,
      fix: 'Use the https:// endpoint shown in the Azure portal.',
    };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      message: `${name} must not contain credentials (user:password@) in the URL.`,
      fix: 'Remove the credentials from the URL and pass the key as `api_key` or AZURE_OPENAI_API_KEY.',
    };
  }
  if (url.search !== '' || text.includes('?')) {
    return {
      ok: false,
      message: `${name} must not contain a query string (such as ?api-version=...).`,
      fix: 'Remove everything from "?" on; set the version with `api_version` and the key with `api_key`.',
    };
  }
  if (url.hash !== '' || text.includes('#')) {
    return {
      ok: false,
      message: `${name} must not contain a fragment (#...).`,
      fix: 'Remove everything from "#" on.',
    };
  }
  if (url.hostname === '') {
    return { ok: false, message: `${name} has no host name.`, fix: PORTAL_FIX };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      message: `${name} uses http:// for ${url.hostname}: the API key or token would travel in clear text.`,
      fix: 'Use https:// (http is only allowed for loopback hosts: localhost, 127.0.0.1, ::1).',
    };
  }
  let path = url.pathname.replace(/\/+$/, '');
  let stripped: string | undefined;
  const suffix = OPENAI_SUFFIX.exec(path);
  if (suffix) {
    const prefix = suffix[1] ?? '';
    stripped = path.slice(prefix.length);
    path = prefix.replace(/\/+$/, '');
  }
  return { ok: true, endpoint: `${url.protocol}//${url.host}${path}`, stripped };
}

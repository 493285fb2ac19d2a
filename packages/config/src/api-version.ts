import type { ApiSurface } from './types.js';

/** The first dated API version that has the Responses API. */
export const FIRST_DATED_RESPONSES_API_VERSION = '2025-03-01-preview';

const DATED = /^(\d{4})-(\d{2})-(\d{2})(-preview)?$/;
const V1_ALIASES: readonly string[] = ['v1', 'latest', 'preview'];

/** The outcome of {@link resolveApiVersion}. */
export type ApiVersionResult =
  | { ok: true; surface: ApiSurface; apiVersion?: string | undefined; warning?: string | undefined }
  | { ok: false; message: string; fix: string };

/**
 * Decides the API surface for an `api_version` value:
 * unset, `v1`, `latest`, `preview` -> the v1 surface; a dated version of 2025-03-01-preview or
 * later -> the dated surface; an older dated version -> the v1 surface plus a warning (the version
 * is ignored); anything else -> a problem. Case-insensitive; the result is lower-case.
 *
 * @param raw - the version text, or `undefined` when unset.
 * @param name - how to call the value in messages (the key or the environment variable).
 */
export function resolveApiVersion(raw: string | undefined, name = 'api_version'): ApiVersionResult {
  if (raw === undefined) return { ok: true, surface: 'v1' };
  const version = raw.trim().toLowerCase();
  if (V1_ALIASES.includes(version)) return { ok: true, surface: 'v1', apiVersion: version };
  const match = DATED.exec(version);
  if (match && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    const date = `${match[1]}-${match[2]}-${match[3]}`;
    if (date >= FIRST_DATED_RESPONSES_API_VERSION.slice(0, 10)) {
      return { ok: true, surface: 'dated', apiVersion: version };
    }
    return {
      ok: true,
      surface: 'v1',
      warning: `${name} ${version} predates the Responses API (first dated version: ${FIRST_DATED_RESPONSES_API_VERSION}); it is ignored and the v1 surface (/openai/v1) is used.`,
    };
  }
  return {
    ok: false,
    message: `${name} ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 37)}...` : raw)} is not a recognised API version.`,
    fix: `Use v1 (recommended), latest, preview, or a dated version such as ${FIRST_DATED_RESPONSES_API_VERSION} (YYYY-MM-DD or YYYY-MM-DD-preview).`,
  };
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

import { REDACTED } from './redacted-value.js';

const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
const BEARER_PATTERN = /(bearer\s+)[^\s"',;]+/gi;
const API_KEY_PATTERN = /(api[-_]?key["']?\s*[:=]\s*["']?)[^\s"',;]+/gi;

/**
 * Removes secrets from text taken from somewhere else (e.g. a cause's message): the known
 * secret values, anything shaped like a JWT, and `Bearer x` / `api-key: x` values.
 */
export function redactText(text: string, knownSecrets: readonly string[] = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  return result
    .replace(JWT_PATTERN, REDACTED)
    .replace(BEARER_PATTERN, `$1${REDACTED}`)
    .replace(API_KEY_PATTERN, `$1${REDACTED}`);
}

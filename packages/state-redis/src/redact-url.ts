/**
 * `redis://host:port` of a Redis URL, without user name, password, path or query: what logs,
 * events and errors may show.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(unparseable URL)';
  }
}

import { readFileSync } from 'node:fs';

/** Reads one of this package's own fixtures (`src/__fixtures__/<name>`) as parsed JSON. */
export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'));
}

/** Reads one of this package's own recorded streams (one JSON event a line). */
export function loadChunks(name: string): unknown[] {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(line => line.trim() !== '')
    .map(line => JSON.parse(line) as unknown);
}

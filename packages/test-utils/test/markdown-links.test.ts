/**
 * Every relative link in the repository's Markdown files (root README.md, package READMEs, docs)
 * points to a file or folder that exists, and every `#anchor` to a heading of its target.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/repo-root.js';

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.turbo', 'results']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

/** The text without fenced code blocks and inline code, where `[x](y)` is not a link. */
function proseOf(markdown: string): string {
  return markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to `-`, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutFences = markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
  for (const match of withoutFences.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = (match[1] ?? '')
      .toLowerCase()
      .replace(/<[^>]+>/g, '')
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

interface Link {
  file: string;
  target: string;
}

function relativeLinks(file: string): Link[] {
  const links: Link[] = [];
  for (const match of proseOf(readFileSync(file, 'utf8')).matchAll(
    /\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g,
  )) {
    const target = match[1] ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, ...
    links.push({ file, target });
  }
  return links;
}

/** Why the link is broken, or undefined when it is fine. */
function brokenReason({ file, target }: Link): string | undefined {
  const [rawPath = '', anchor] = target.split('#');
  const resolved = rawPath === '' ? file : path.resolve(path.dirname(file), decodeURI(rawPath));
  if (!existsSync(resolved)) return 'no such file';
  if (anchor === undefined || anchor === '') return undefined;
  if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) return undefined;
  return headingAnchors(readFileSync(resolved, 'utf8')).has(anchor.toLowerCase())
    ? undefined
    : `no heading for #${anchor}`;
}

describe('Markdown links', () => {
  const root = repoRoot();
  const files = markdownFiles(root);

  it('finds the root README and the package READMEs', () => {
    expect(files).toContain(path.join(root, 'README.md'));
    expect(files.filter(f => f.endsWith(`${path.sep}README.md`)).length).toBeGreaterThan(5);
  });

  it('has every relative link pointing to an existing file and heading', () => {
    const broken = files
      .flatMap(relativeLinks)
      .map(link => ({ link, reason: brokenReason(link) }))
      .filter(({ reason }) => reason !== undefined)
      .map(({ link, reason }) => `${path.relative(root, link.file)}: (${link.target}) ${reason}`);
    expect(broken).toEqual([]);
  });

  it('computes GitHub heading anchors', () => {
    const anchors = headingAnchors(
      '# A b\n### `doctor`: diagnose a set-up\n## In process: `mount`\n## A b\n```sh\n# not a heading\n```\n',
    );
    expect([...anchors]).toEqual(['a-b', 'doctor-diagnose-a-set-up', 'in-process-mount', 'a-b-1']);
  });

  it('reports a missing file and a missing heading', () => {
    const readme = path.join(root, 'README.md');
    expect(brokenReason({ file: readme, target: 'no-such-file.md' })).toBe('no such file');
    expect(brokenReason({ file: readme, target: 'README.md#no-such-heading' })).toBe(
      'no heading for #no-such-heading',
    );
    expect(brokenReason({ file: readme, target: 'LICENSE' })).toBeUndefined();
  });
});

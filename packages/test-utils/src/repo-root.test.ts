import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './repo-root.js';

describe('repoRoot', () => {
  it('is the directory holding pnpm-workspace.yaml above this package', () => {
    const root = repoRoot();
    expect(existsSync(path.join(root, 'pnpm-workspace.yaml'))).toBe(true);
    const here = path.dirname(fileURLToPath(import.meta.url));
    expect(path.relative(root, here)).toBe(path.join('packages', 'test-utils', 'src'));
  });
});

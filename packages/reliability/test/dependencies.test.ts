/**
 * Dependencies: the lockfile is committed; only allow-listed packages may run install scripts;
 * scripts/audit.mjs (run by the root test command) fails on known-vulnerable production
 * dependencies and says NOT CHECKED when the registry's audit cannot be reached. The audit script
 * is tested offline, with a fake `pnpm` on PATH printing canned answers.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const rootPackage = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  pnpm?: { onlyBuiltDependencies?: string[]; ignoredBuiltDependencies?: string[] };
};

describe('lockfile', () => {
  it('pnpm-lock.yaml is committed (tracked by git)', () => {
    const result = spawnSync('git', ['ls-files', '--error-unmatch', 'pnpm-lock.yaml'], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('pnpm-lock.yaml');
  });
});

describe('install scripts', () => {
  it('the allow list is esbuild only', () => {
    expect(rootPackage.pnpm?.onlyBuiltDependencies).toEqual(['esbuild']);
  });

  it('every installed package with an install script is allow-listed or explicitly ignored', () => {
    const allowed = new Set([
      ...(rootPackage.pnpm?.onlyBuiltDependencies ?? []),
      ...(rootPackage.pnpm?.ignoredBuiltDependencies ?? []),
    ]);
    const store = join(REPO, 'node_modules', '.pnpm');
    const withScripts = new Set<string>();
    let scanned = 0;
    for (const entry of readdirSync(store)) {
      const modules = join(store, entry, 'node_modules');
      if (!existsSync(modules)) continue;
      const names = readdirSync(modules).flatMap(name =>
        name.startsWith('@')
          ? readdirSync(join(modules, name)).map(inner => `${name}/${inner}`)
          : [name],
      );
      for (const name of names) {
        const manifest = join(modules, name, 'package.json');
        if (!existsSync(manifest)) continue;
        scanned += 1;
        let scripts: Record<string, unknown> = {};
        try {
          scripts =
            (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, unknown> })
              .scripts ?? {};
        } catch {
          continue;
        }
        if (
          ['preinstall', 'install', 'postinstall'].some(hook => typeof scripts[hook] === 'string')
        ) {
          withScripts.add(name);
        }
      }
    }
    expect(scanned).toBeGreaterThan(50);
    expect([...withScripts].filter(name => !allowed.has(name)).sort()).toEqual([]);
  });
});

describe('scripts/audit.mjs (offline, fake pnpm)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reliability-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the root test command runs it', () => {
    expect(rootPackage.scripts.test).toContain('node scripts/audit.mjs');
  });

  function runAudit(stdout: string, stderr = '', exitCode = 0) {
    writeFileSync(join(dir, 'out.txt'), stdout);
    writeFileSync(join(dir, 'err.txt'), stderr);
    const fake = join(dir, 'pnpm');
    writeFileSync(
      fake,
      `#!/bin/sh\ncat "${join(dir, 'out.txt')}"\ncat "${join(dir, 'err.txt')}" >&2\nexit ${exitCode}\n`,
    );
    chmodSync(fake, 0o755);
    return spawnSync(process.execPath, [join(REPO, 'scripts', 'audit.mjs')], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` },
    });
  }

  const report = (counts: Record<string, number>, advisories: Record<string, unknown> = {}) =>
    JSON.stringify({ advisories, metadata: { vulnerabilities: counts } });

  it('a high-severity advisory fails the command (exit 1) and names the module', () => {
    const result = runAudit(
      report(
        { info: 0, low: 0, moderate: 0, high: 1, critical: 0 },
        {
          1: {
            severity: 'high',
            module_name: 'evil-dep',
            vulnerable_versions: '<1.2.3',
            title: 'Prototype pollution',
            url: 'https://github.com/advisories/GHSA-xxxx',
          },
        },
      ),
      '',
      1,
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('evil-dep');
    expect(result.stderr).toContain('FAILED');
  });

  it('critical and moderate advisories fail too', () => {
    expect(runAudit(report({ critical: 2 }), '', 1).status).toBe(1);
    expect(runAudit(report({ moderate: 1 }), '', 1).status).toBe(1);
  });

  it('no advisories passes (exit 0) and says so', () => {
    const result = runAudit(report({ info: 0, low: 0, moderate: 0, high: 0, critical: 0 }));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no known vulnerabilities');
  });

  it('low-severity advisories only: passes, with the counts printed', () => {
    const result = runAudit(report({ low: 3 }));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"low":3');
  });

  it('an unreachable audit endpoint passes but says NOT CHECKED with the reason', () => {
    for (const [stdout, stderr] of [
      [
        JSON.stringify({
          error: {
            code: 'ERR_PNPM_AUDIT_BAD_RESPONSE',
            message: 'The audit endpoint responded with 405',
          },
        }),
        '',
      ],
      ['', 'getaddrinfo ENOTFOUND registry.npmjs.org'],
      ['', 'connect ECONNREFUSED 127.0.0.1:443'],
    ] as const) {
      const result = runAudit(stdout, stderr, 1);
      expect(result.status, `${stdout}${stderr}`).toBe(0);
      expect(result.stdout).toContain('NOT CHECKED');
      expect(result.stdout).toContain('cannot be reached');
    }
  });

  it('garbage output passes but says NOT CHECKED (no report)', () => {
    const result = runAudit('this is not json', '', 1);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('NOT CHECKED');
    expect(result.stdout).toContain('gave no report');
  });
});

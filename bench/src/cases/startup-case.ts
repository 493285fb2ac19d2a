import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median } from '../measure.js';

const exec = promisify(execFile);

/** The bench package directory (bare imports resolve from its node_modules). */
export const BENCH_DIR = fileURLToPath(new URL('../../', import.meta.url));
/** The repository root. */
export const REPO_DIR = path.resolve(BENCH_DIR, '..');

/** Start-up time of one import target, medians over fresh processes. */
export interface StartupResult {
  id: string;
  label: string;
  runs: number;
  /** Time of the dynamic import(s). */
  importMs: number;
  /** Time of `mount(coordinator, config)` (adapter only). */
  mountMs?: number | undefined;
  /** Process start to ready (node's own boot included). */
  readyMs: number;
}

/** Installed size of one package alone. */
export interface SizeResult {
  id: string;
  label: string;
  /** Packages under node_modules (the package itself included). */
  packages: number;
  /** Apparent size of node_modules in bytes (`du -sb`). */
  bytes: number;
  tarballBytes?: number | undefined;
}

const ADAPTER_SCRIPT = `
const t0 = performance.now();
const m = await import('amplifier-module-provider-azure-openai');
const t1 = performance.now();
const { createTestCoordinator } = await import('amplifier-module-provider-azure-openai/testing');
const coordinator = createTestCoordinator();
const cleanup = await m.mount(coordinator, { azure_endpoint: 'http://127.0.0.1:9', api_key: 'bench-key' }, { env: {} });
const t2 = performance.now();
if (Object.keys(coordinator.getMounted('providers')).length !== 1) throw new Error('not mounted');
await cleanup?.();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, mountMs: t2 - t1, readyMs: t2 }));
`;

function importScript(specifiers: readonly string[]): string {
  return `
const t0 = performance.now();
${specifiers.map(s => `await import(${JSON.stringify(s)});`).join('\n')}
const t1 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, readyMs: t1 }));
`;
}

const TARGETS: Array<{ id: string; label: string; script: string }> = [
  {
    id: 'adapter',
    label: 'amplifier-module-provider-azure-openai: import + mount',
    script: ADAPTER_SCRIPT,
  },
  {
    id: 'provider',
    label: '@amplifier-azure-openai/provider: import',
    script: importScript(['@amplifier-azure-openai/provider']),
  },
  { id: 'openai', label: 'openai: import', script: importScript(['openai']) },
  {
    id: 'ai-sdk',
    label: '@ai-sdk/azure + ai: import',
    script: importScript(['@ai-sdk/azure', 'ai']),
  },
  {
    id: 'langchain',
    label: '@langchain/openai: import',
    script: importScript(['@langchain/openai']),
  },
];

/** Case 6a: import (and mount) times in fresh processes, `runs` times each, medians. */
export async function runStartupCase(
  runs: number,
  log: (line: string) => void,
): Promise<StartupResult[]> {
  const results: StartupResult[] = [];
  for (const target of TARGETS) {
    const imports: number[] = [];
    const mounts: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const { stdout } = await exec(
        process.execPath,
        ['--input-type=module', '-e', target.script],
        { cwd: BENCH_DIR },
      );
      const r = JSON.parse(stdout) as { importMs: number; mountMs?: number; readyMs: number };
      imports.push(r.importMs);
      if (r.mountMs !== undefined) mounts.push(r.mountMs);
      ready.push(r.readyMs);
    }
    const result: StartupResult = {
      id: target.id,
      label: target.label,
      runs,
      importMs: median(imports),
      ...(mounts.length > 0 ? { mountMs: median(mounts) } : {}),
      readyMs: median(ready),
    };
    results.push(result);
    log(
      `  ${target.label}: import ${result.importMs.toFixed(1)} ms${result.mountMs === undefined ? '' : `, mount ${result.mountMs.toFixed(2)} ms`}, ready ${result.readyMs.toFixed(1)} ms after process start`,
    );
  }
  return results;
}

async function countPackages(nodeModules: string): Promise<number> {
  let count = 0;
  const entries = await readdir(nodeModules, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@')) {
      count += (await readdir(path.join(nodeModules, entry.name))).length;
    } else count += 1;
  }
  return count;
}

async function installSize(
  work: string,
  id: string,
  label: string,
  specs: string[],
  tarballBytes?: number,
): Promise<SizeResult> {
  const dir = path.join(work, id);
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: `size-${id}`, private: true }),
  );
  await exec(
    'npm',
    [
      'install',
      ...specs,
      '--omit=dev',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--prefer-offline',
      '--ignore-scripts',
      '--loglevel=error',
    ],
    { cwd: dir },
  );
  const nodeModules = path.join(dir, 'node_modules');
  const { stdout } = await exec('du', ['-sb', nodeModules]);
  return {
    id,
    label,
    packages: await countPackages(nodeModules),
    bytes: Number(stdout.split(/\s/)[0]),
    ...(tarballBytes === undefined ? {} : { tarballBytes }),
  };
}

async function pack(pkgDir: string, dest: string): Promise<{ file: string; bytes: number }> {
  const { stdout } = await exec('pnpm', ['pack', '--pack-destination', dest], { cwd: pkgDir });
  const file = stdout.trim().split('\n').pop()?.trim() ?? '';
  const { stdout: du } = await exec('du', ['-b', file]);
  return { file, bytes: Number(du.split(/\s/)[0]) };
}

/** Case 6b: what a consumer installing only `auth` or only `deployments` pays on disk. */
export async function runSizeCase(log: (line: string) => void): Promise<SizeResult[]> {
  const work = await mkdtemp(path.join(tmpdir(), 'azure-openai-bench-size-'));
  try {
    const auth = await pack(path.join(REPO_DIR, 'packages/auth'), work);
    const deployments = await pack(path.join(REPO_DIR, 'packages/deployments'), work);
    // deployments' one dependency, not on the registry before a release: installed from its tarball.
    const validation = await pack(path.join(REPO_DIR, 'packages/validation'), work);
    const results = [
      await installSize(
        work,
        'auth',
        '@amplifier-azure-openai/auth alone',
        [auth.file],
        auth.bytes,
      ),
      await installSize(
        work,
        'auth-identity',
        '@amplifier-azure-openai/auth + @azure/identity (for managed identity)',
        [auth.file, '@azure/identity@4.13.1'],
      ),
      await installSize(
        work,
        'deployments',
        '@amplifier-azure-openai/deployments alone (with @amplifier-azure-openai/validation)',
        [deployments.file, validation.file],
        deployments.bytes,
      ),
      await installSize(work, 'openai', 'openai (reference)', ['openai@6.49.0']),
    ];
    for (const r of results) {
      log(`  ${r.label}: ${r.packages} package(s), ${(r.bytes / 1024).toFixed(0)} KiB`);
    }
    return results;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * A release rehearsal against a real npm registry on 127.0.0.1 (Verdaccio, no uplinks): version a
 * throwaway copy of the repository with changesets, build it, publish every public package with
 * `pnpm publish`, then install single packages from that registry alone into empty projects and
 * use them (ESM, CommonJS, `tsc` types). Run with `pnpm test:release`.
 */

import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsumerFiles, tscPath, writeConsumerProject } from '../src/consumer-project.js';
import { thirdPartyClosure } from '../src/dependency-closure.js';
import { installedTree, names } from '../src/installed-tree.js';
import { type LocalRegistry, startLocalRegistry } from '../src/local-registry.js';
import { cleanEnv, runCommand } from '../src/run-command.js';
import { seedRegistry } from '../src/seed-registry.js';
import { throwawayCopy } from '../src/throwaway-copy.js';
import { REPO_ROOT, type WorkspacePackage, workspacePackages } from '../src/workspace-packages.js';

const ROOT_MANIFEST = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const LICENSE = readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8');
const all = workspacePackages();
const publicPackages = all.filter(p => !p.private);
const workspaceNames = new Set(all.map(p => p.name));

let work: string;
let copy: string;
let registry: LocalRegistry | undefined;
let env: NodeJS.ProcessEnv;
/** name -> version published (from the copy after `changeset version`). */
const published = new Map<string, string>();
/** name -> directory holding its published tarball, unpacked. */
const unpacked = new Map<string, string>();

function manifestIn(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'amplifier-release-'));
  copy = path.join(work, 'repo');
  mkdirSync(path.join(work, 'registry'));
  mkdirSync(path.join(work, 'seed'));
  registry = await startLocalRegistry(path.join(work, 'registry'));
  const npmrc = `registry=${registry.url}\n//${new URL(registry.url).host}/:_authToken=${registry.token}\n`;
  writeFileSync(path.join(work, 'npmrc'), npmrc);
  writeFileSync(path.join(work, 'global-npmrc'), '');
  env = cleanEnv({
    npm_config_registry: registry.url,
    npm_config_userconfig: path.join(work, 'npmrc'),
    npm_config_globalconfig: path.join(work, 'global-npmrc'),
    npm_config_cache: path.join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_ignore_scripts: 'true',
  });

  // The third-party packages the public packages need, as installed here: the registry's only source.
  const closure = thirdPartyClosure(
    publicPackages.map(p => path.join(REPO_ROOT, p.relativeDir)),
    workspaceNames,
  );
  await seedRegistry(closure, {
    registryUrl: registry.url,
    token: registry.token,
    packDir: path.join(work, 'seed'),
    env,
  });

  // Version, build and publish a throwaway copy, as `pnpm version-packages` + `pnpm release` do.
  throwawayCopy(REPO_ROOT, copy);
  writeFileSync(path.join(copy, '.npmrc'), npmrc);
  const changeset = path.join(
    path.dirname(createRequire(import.meta.url).resolve('@changesets/cli/package.json')),
    'bin.js',
  );
  runCommand(process.execPath, [changeset, 'version'], { cwd: copy, env });
  const filters = publicPackages.flatMap(p => ['--filter', p.name]);
  runCommand('pnpm', ['-r', '--workspace-concurrency=1', ...filters, 'run', 'build'], {
    cwd: copy,
    env,
  });
  for (const pkg of publicPackages) {
    const dir = path.join(copy, pkg.relativeDir);
    runCommand('pnpm', ['publish', '--no-git-checks', '--registry', registry.url], {
      cwd: dir,
      env,
    });
    published.set(pkg.name, String(manifestIn(dir).version));
  }

  // Fetch every published tarball back from the registry and unpack it.
  for (const pkg of publicPackages) {
    const response = await fetch(new URL(pkg.name.replace('/', '%2f'), registry.url));
    const packument = (await response.json()) as {
      versions: Record<string, { dist: { tarball: string } }>;
    };
    const version = published.get(pkg.name) as string;
    const tarballUrl = packument.versions[version]?.dist.tarball;
    if (tarballUrl === undefined) throw new Error(`${pkg.name}@${version} is not on the registry`);
    const tarball = path.join(work, `${pkg.name.replace('/', '__')}.tgz`);
    writeFileSync(tarball, Buffer.from(await (await fetch(tarballUrl)).arrayBuffer()));
    const target = path.join(work, 'unpacked', pkg.name.replace('/', '__'));
    mkdirSync(target, { recursive: true });
    runCommand('tar', ['-xzf', tarball, '-C', target], { cwd: work, env });
    unpacked.set(pkg.name, path.join(target, 'package'));
  }
}, 1_200_000);

afterAll(async () => {
  await registry?.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory()
      ? filesUnder(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

describe.each(publicPackages.map(p => [p.name, p] as [string, WorkspacePackage]))(
  'published %s',
  (name, pkg) => {
    it('has the new version, a publishable manifest and only what users need', () => {
      const dir = unpacked.get(name) as string;
      const manifest = manifestIn(dir);
      expect(manifest.version).toBe(published.get(name));
      expect(manifest.license).toBe('MIT');
      expect(manifest.engines).toEqual({ node: ROOT_MANIFEST.engines.node });
      expect(manifest.repository).toMatchObject({ directory: pkg.relativeDir });
      expect(JSON.stringify(manifest)).not.toContain('workspace:');
      const files = filesUnder(dir);
      expect(files).toContain('LICENSE');
      expect(readFileSync(path.join(dir, 'LICENSE'), 'utf8')).toBe(LICENSE);
      expect(files).toContain('README.md');
      const unexpected = files.filter(
        file =>
          !/^(dist\/|bin\/|proto\/)/.test(file) &&
          !['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json', 'amplifier.toml'].includes(
            file,
          ),
      );
      expect(unexpected).toEqual([]);
      for (const bin of Object.values((manifest.bin ?? {}) as Record<string, string>)) {
        expect(existsSync(path.join(dir, bin))).toBe(true);
      }
    });

    it('ships source maps that carry their sources and no build-machine paths', () => {
      const dir = unpacked.get(name) as string;
      const maps = filesUnder(dir).filter(file => file.endsWith('.map'));
      expect(maps.length).toBeGreaterThan(0);
      for (const file of maps) {
        const text = readFileSync(path.join(dir, file), 'utf8');
        const map = JSON.parse(text) as { sources: string[]; sourcesContent?: (string | null)[] };
        expect(map.sourcesContent?.length).toBe(map.sources.length);
        expect(map.sourcesContent?.every(source => typeof source === 'string')).toBe(true);
        // Relative paths: the package's own src/, or a bundler shim under node_modules (tsup's
        // cjs_shims.js); never an absolute path nor the directory it was built in.
        expect(
          map.sources.filter(
            source =>
              path.isAbsolute(source) ||
              !(source.startsWith('../src/') || source.includes('/node_modules/')),
          ),
        ).toEqual([]);
        expect({ file, holdsBuildDir: text.includes(copy) }).toEqual({
          file,
          holdsBuildDir: false,
        });
      }
    });
  },
);

/** Installs `spec` alone from the local registry into a new project and runs its usage files. */
function installAndUse(
  spec: string,
  files: ConsumerFiles,
): { tree: string[]; esm: string; cjs: string } {
  const dir = path.join(work, 'consumers', spec.replace('/', '__'));
  writeConsumerProject(dir, `consumer-of-${spec.replace(/[@/]/g, '-')}`, files);
  runCommand('npm', ['install', '--registry', registry?.url ?? '', spec], { cwd: dir, env });
  runCommand('npm', ['ls', '--all'], { cwd: dir, env });
  const esm = runCommand(process.execPath, ['esm.mjs'], { cwd: dir, env }).stdout;
  const cjs = runCommand(process.execPath, ['cjs.cjs'], { cwd: dir, env }).stdout;
  runCommand(process.execPath, [tscPath(), '-p', 'tsconfig.json'], { cwd: dir, env });
  return { tree: installedTree(dir), esm, cjs };
}

describe('installed alone from the registry', () => {
  it('@amplifier-azure-openai/auth: no dependencies; API key headers; a clear error for managed identity without @azure/identity', () => {
    const use = (load: string) => `${load}
const auth = createAuthStrategy({ apiKey: 'release-key' });
const headers = await auth.getAuthHeaders();
if (headers['api-key'] !== 'release-key') throw new Error('wrong headers');
const managed = createAuthStrategy({ useManagedIdentity: true });
const failure = await managed.getAuthHeaders().then(() => undefined, error => error);
if (!AzureAuthError.isInstance(failure) || failure.code !== 'identity-package-missing') throw failure ?? new Error('managed identity worked without @azure/identity');
console.log(JSON.stringify({ version: VERSION, method: auth.method }));`;
    const { tree, esm, cjs } = installAndUse('@amplifier-azure-openai/auth', {
      esm: use(
        "import { AzureAuthError, createAuthStrategy, VERSION } from '@amplifier-azure-openai/auth';",
      ),
      cjs: `(async () => {${use("const { AzureAuthError, createAuthStrategy, VERSION } = require('@amplifier-azure-openai/auth');")}})().catch(error => { console.error(error); process.exitCode = 1; });`,
      ts: `import { type AuthStrategy, createAuthStrategy } from '@amplifier-azure-openai/auth';
export const auth: AuthStrategy = createAuthStrategy({ apiKey: 'k' });
// @ts-expect-error apiKey is a string or a secret, not a number
createAuthStrategy({ apiKey: 42 });
`,
      cts: `import auth = require('@amplifier-azure-openai/auth');
export const strategy: auth.AuthStrategy = auth.createAuthStrategy({ apiKey: 'k' });
`,
    });
    expect(names(tree)).toEqual(['@amplifier-azure-openai/auth']);
    const version = published.get('@amplifier-azure-openai/auth');
    expect(JSON.parse(esm)).toEqual({ version, method: 'api-key' });
    expect(JSON.parse(cjs)).toEqual({ version, method: 'api-key' });
  });

  it('@amplifier-azure-openai/deployments: only @amplifier-azure-openai/validation; resolves a mapped model', () => {
    const use = (load: string) => `${load}
const resolver = createDeploymentResolver({ deploymentMapping: { 'gpt-5': 'prod-gpt5' } });
const resolution = resolver.resolve('gpt-5');
console.log(JSON.stringify({ version: VERSION, deployment: resolution.primary.deployment }));`;
    const { tree, esm, cjs } = installAndUse('@amplifier-azure-openai/deployments', {
      esm: use(
        "import { createDeploymentResolver, VERSION } from '@amplifier-azure-openai/deployments';",
      ),
      cjs: use(
        "const { createDeploymentResolver, VERSION } = require('@amplifier-azure-openai/deployments');",
      ),
      ts: `import { createDeploymentResolver, type DeploymentResolver } from '@amplifier-azure-openai/deployments';
export const resolver: DeploymentResolver = createDeploymentResolver({ deploymentMapping: { a: 'b' } });
// @ts-expect-error a model name is a string
resolver.resolve(42);
`,
      cts: `import deployments = require('@amplifier-azure-openai/deployments');
export const resolver: deployments.DeploymentResolver = deployments.createDeploymentResolver({});
`,
    });
    // Its one dependency, the shared validation, has none itself.
    expect(names(tree)).toEqual([
      '@amplifier-azure-openai/deployments',
      '@amplifier-azure-openai/validation',
    ]);
    const expected = {
      version: published.get('@amplifier-azure-openai/deployments'),
      deployment: 'prod-gpt5',
    };
    expect(JSON.parse(esm)).toEqual(expected);
    expect(JSON.parse(cjs)).toEqual(expected);
  });

  it('amplifier-module-provider-azure-openai: exactly its runtime dependencies; serves gRPC on loopback', () => {
    const use = (load: string) => `${load}
const { existsSync } = require_('node:fs');
if (!existsSync(protoPath())) throw new Error('proto missing: ' + protoPath());
const server = await startGrpcServer({ env: {}, port: 0 });
const address = server.address;
await server.close();
console.log(JSON.stringify({ version: VERSION, loopback: address.startsWith('127.0.0.1:') }));`;
    const { tree, esm, cjs } = installAndUse('amplifier-module-provider-azure-openai', {
      esm: use(
        "import { createRequire } from 'node:module';\nconst require_ = createRequire(import.meta.url);\nimport { protoPath, startGrpcServer, VERSION } from 'amplifier-module-provider-azure-openai';",
      ),
      cjs: `(async () => {${use("const require_ = require;\nconst { protoPath, startGrpcServer, VERSION } = require('amplifier-module-provider-azure-openai');")}})().catch(error => { console.error(error); process.exitCode = 1; });`,
      ts: `import { type GrpcServerHandle, startGrpcServer } from 'amplifier-module-provider-azure-openai';
export const server: Promise<GrpcServerHandle> = startGrpcServer({ env: {}, port: 0 });
// @ts-expect-error a port is a number
startGrpcServer({ port: 'x' });
`,
      cts: `import adapter = require('amplifier-module-provider-azure-openai');
export const proto: string = adapter.protoPath();
`,
    });
    const ours = [
      '@amplifier-azure-openai/auth',
      '@amplifier-azure-openai/config',
      '@amplifier-azure-openai/deployments',
      '@amplifier-azure-openai/provider',
      '@amplifier-azure-openai/validation',
      'amplifier-module-provider-azure-openai',
    ];
    const adapterDir = path.join(REPO_ROOT, 'packages', 'amplifier-adapter');
    const needed = thirdPartyClosure(
      [
        adapterDir,
        ...ours
          .filter(n => n !== 'amplifier-module-provider-azure-openai')
          .map(n => path.join(REPO_ROOT, all.find(p => p.name === n)?.relativeDir ?? '')),
      ],
      workspaceNames,
    ).map(p => `${p.name}@${p.version}`);
    expect(tree).toEqual([...ours.map(n => `${n}@${published.get(n)}`), ...needed].sort());
    for (const devOnly of [
      '@azure/identity',
      '@amplifier-azure-openai/emulator',
      '@amplifier-azure-openai/cli',
      '@amplifier-azure-openai/test-utils',
      'vitest',
      'typescript',
    ]) {
      expect(names(tree)).not.toContain(devOnly);
    }
    const expected = {
      version: published.get('amplifier-module-provider-azure-openai'),
      loopback: true,
    };
    expect(JSON.parse(esm)).toEqual(expected);
    expect(JSON.parse(cjs)).toEqual(expected);
  });
});

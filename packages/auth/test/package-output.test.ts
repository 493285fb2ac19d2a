/**
 * The built package as a consumer without @azure/identity sees it: the optional peer is loaded
 * with a real import() in both builds, never bundled or required eagerly, the type
 * declarations do not mention it, and a missing package gives the install hint.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file: string) => path.join(packageDir, 'dist', file);
let consumerDir: string;

beforeAll(() => {
  if (!existsSync(dist('index.cjs')) || !existsSync(dist('index.d.ts'))) {
    execFileSync('pnpm', ['run', 'build'], { cwd: packageDir, stdio: 'ignore' });
  }
  // A project outside the workspace, so @azure/identity cannot be resolved from it.
  consumerDir = mkdtempSync(path.join(tmpdir(), 'auth-consumer-'));
  const installed = path.join(consumerDir, 'node_modules', '@amplifier-azure-openai', 'auth');
  mkdirSync(installed, { recursive: true });
  cpSync(path.join(packageDir, 'package.json'), path.join(installed, 'package.json'));
  cpSync(path.join(packageDir, 'dist'), path.join(installed, 'dist'), { recursive: true });
}, 60_000);

afterAll(() => {
  if (consumerDir) rmSync(consumerDir, { recursive: true, force: true });
});

describe('built output', () => {
  it('keeps import("@azure/identity") in the ESM and CJS builds and never requires it', () => {
    for (const file of ['index.js', 'index.cjs']) {
      const code = readFileSync(dist(file), 'utf8');
      expect(code).toContain('import("@azure/identity")');
      expect(code).not.toMatch(/require\(["']@azure\/identity["']\)/);
      expect(code).not.toMatch(/^import .* from ["']@azure\/identity["']/m);
    }
  });

  it('type declarations do not reference @azure/identity or @azure/core-auth', () => {
    for (const file of ['index.d.ts', 'index.d.cts']) {
      // Code only: TSDoc comments may name the package.
      const types = readFileSync(dist(file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      expect(types).not.toMatch(/from ["']@azure\//);
      expect(types).not.toMatch(/import\(["']@azure\//);
    }
  });
});

describe('a consumer without @azure/identity installed', () => {
  const script = (kind: 'cjs' | 'esm') => `
    ${kind === 'cjs' ? "const auth = require('@amplifier-azure-openai/auth');" : "const auth = await import('@amplifier-azure-openai/auth');"}
    const main = async () => {
      const key = await auth.createAuthStrategy({ apiKey: 'k-123456' }).getAuthHeaders();
      const error = await auth.createAuthStrategy({ useManagedIdentity: true }).getAuthHeaders().catch(e => e);
      console.log(JSON.stringify({ key, code: error.code, message: error.message, isAuth: auth.AzureAuthError.isInstance(error) }));
    };
    ${kind === 'cjs' ? 'main();' : 'await main();'}
  `;

  it.each(['cjs', 'esm'] as const)(
    'API key works and credentials say how to install it (%s)',
    kind => {
      const file = path.join(consumerDir, kind === 'cjs' ? 'check.cjs' : 'check.mjs');
      writeFileSync(file, script(kind));
      const output = JSON.parse(
        execFileSync(process.execPath, [file], { cwd: consumerDir, encoding: 'utf8' }),
      );
      expect(output.key).toEqual({ 'api-key': 'k-123456' });
      expect(output.isAuth).toBe(true);
      expect(output.code).toBe('identity-package-missing');
      expect(output.message).toContain('npm install @azure/identity');
      expect(output.message).toContain('pnpm add @azure/identity');
    },
  );

  it('typechecks against the public declarations', () => {
    writeFileSync(
      path.join(consumerDir, 'consumer.ts'),
      `import { createAuthStrategy, AzureAuthError, getBearerTokenProvider } from '@amplifier-azure-openai/auth';
import type { AuthStrategy, TokenCredentialLike } from '@amplifier-azure-openai/auth';
const credential: TokenCredentialLike = { getToken: async () => ({ token: 't', expiresOnTimestamp: 0 }) };
const strategy: AuthStrategy = createAuthStrategy({ credential, tokenScope: 'x/.default' });
const provider: () => Promise<string> = strategy.tokenProvider();
const other: () => Promise<string> = getBearerTokenProvider(credential);
export const used = [provider, other, AzureAuthError.isInstance(null)];
`,
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/lib/tsc.js');
    writeFileSync(
      path.join(consumerDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          noEmit: true,
          strict: true,
          exactOptionalPropertyTypes: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          types: [],
          skipLibCheck: false,
        },
        files: ['consumer.ts'],
      }),
    );
    const run = () =>
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], {
        cwd: consumerDir,
        encoding: 'utf8',
      });
    expect(run).not.toThrow();
  }, 120_000);
});

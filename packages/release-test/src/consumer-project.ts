import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from './workspace-packages.js';

/** The files of an empty consumer project that uses one installed package three ways. */
export interface ConsumerFiles {
  /** `node esm.mjs`: import the package and use it; exits non-zero when it misbehaves. */
  esm: string;
  /** `node cjs.cjs`: the same through `require`. */
  cjs: string;
  /** `tsc`: `index.ts` (ESM types) must compile, including its `@ts-expect-error` lines. */
  ts: string;
  /** `tsc`: `require.cts` (CommonJS types, `import x = require()`). */
  cts: string;
}

/** Writes an empty ESM project with the usage files and a strict NodeNext tsconfig. */
export function writeConsumerProject(dir: string, name: string, files: ConsumerFiles): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name, version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  writeFileSync(path.join(dir, 'esm.mjs'), files.esm);
  writeFileSync(path.join(dir, 'cjs.cjs'), files.cjs);
  writeFileSync(path.join(dir, 'index.ts'), files.ts);
  writeFileSync(path.join(dir, 'require.cts'), files.cts);
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          // A consumer brings its own @types/node; borrow the workspace's instead of installing it.
          typeRoots: [path.join(REPO_ROOT, 'node_modules', '@types')],
        },
        files: ['index.ts', 'require.cts'],
      },
      null,
      2,
    )}\n`,
  );
}

/** Absolute path of the `tsc` script of this package's TypeScript devDependency. */
export function tscPath(): string {
  return path.join(
    path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
    'bin',
    'tsc',
  );
}

import type { Options } from 'tsup';

/**
 * The build every published package shares: ESM and CJS with type declarations and source maps for
 * Node 20, with the package version injected as `__PACKAGE_VERSION__` (read by `src/version.ts`).
 *
 * @param version - the package's `package.json` version.
 * @param overrides - what a package adds or changes (extra entries, externals).
 */
export function packageBuild(version: string, overrides: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    shims: true,
    target: 'node20',
    define: { __PACKAGE_VERSION__: JSON.stringify(version) },
    ...overrides,
  };
}

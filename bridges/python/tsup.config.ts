import { defineConfig } from 'tsup';

/**
 * The Node host as one ESM file for the Python package: every dependency bundled (the `openai`
 * SDK and `@azure/identity` included), nothing to install but `node` >= 20.19. Built into dist/;
 * the committed copy in the package (`_node/host.mjs`) is checked against it by
 * `scripts/bundle-freshness.mjs` (this package's `test`).
 */
export default defineConfig({
  entry: { host: 'node/host-entry.ts' },
  outDir: 'dist',
  format: ['esm'],
  outExtension: () => ({ js: '.mjs' }),
  platform: 'node',
  target: 'node20',
  noExternal: [/.*/],
  splitting: false,
  sourcemap: false,
  dts: false,
  clean: true,
  minify: true,
  keepNames: true,
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __bridgeCreateRequire } from 'node:module'; const require = __bridgeCreateRequire(import.meta.url);",
  },
});

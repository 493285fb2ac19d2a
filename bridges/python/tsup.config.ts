import { defineConfig } from 'tsup';

/**
 * The Node host as one ESM file inside the Python package: every dependency bundled (the `openai`
 * SDK and `@azure/identity` included), nothing to install but `node` >= 20.19.
 */
export default defineConfig({
  entry: { host: 'node/host-entry.ts' },
  outDir: 'src/amplifier_module_provider_azure_openai/_node',
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

import { defineConfig } from 'tsup';
import packageJson from './package.json' with { type: 'json' };

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  shims: true,
  target: 'node20',
  // Optional peer, loaded lazily with import(): never bundled.
  external: ['@azure/identity'],
  define: { __PACKAGE_VERSION__: JSON.stringify(packageJson.version) },
});

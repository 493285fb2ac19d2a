import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.js';
import packageJson from './package.json' with { type: 'json' };

export default defineConfig(
  packageBuild(packageJson.version, { entry: ['src/index.ts', 'src/testing.ts'] }),
);

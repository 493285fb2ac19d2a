import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Redis tests start real redis-server processes: run one file at a time.
    fileParallelism: false,
    testTimeout: 30_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // test/*.test.ts start `node dist/bin.js` as child processes: allow for process start-up.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});

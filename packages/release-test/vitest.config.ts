import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Versioning, building and publishing a copy of the repository takes minutes on a busy machine.
    testTimeout: 600_000,
    hookTimeout: 1_200_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Starts one redis-server for the run (or uses REDIS_URL) and provides its URL to every suite.
    globalSetup: ['tests/global-setup.ts'],
  },
});

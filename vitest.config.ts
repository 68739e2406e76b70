import { defineConfig } from 'vitest/config';

/**
 * Sized for the CI machine (2 cores, lint and typecheck before the tests): vitest's default of
 * `availableParallelism() - 1` workers (1 there) leaves a core for what the tests start themselves
 * (Chromium, redis-server, child instances, the matcher's training worker). Limits are generous
 * because a loaded machine is slow, never because a test may wait for luck: tests synchronise on
 * what they observe (expect.poll, Playwright locators, waitFor helpers), not on sleeps.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The real matcher is trained in every end-to-end file (in its setup or its first test) and by
    // the CLIs the tests spawn: 5-20 s on a busy 2-core machine, for one test that takes 1 s alone.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll's own default (1 s) is shorter than one busy moment on a loaded 2-core machine.
    expect: { poll: { timeout: 10_000, interval: 50 } },
    // Starts one redis-server for the run (or uses REDIS_URL) and provides its URL to every suite.
    globalSetup: ['tests/global-setup.ts'],
  },
});

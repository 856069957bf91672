import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A page under CI load may take several seconds to answer: vitest's default (1 s) made polls fail on a busy
    // machine (stop 14 failed on one such poll, an attach that did not answer within 1 s). Each poll still fails when the page never
    // gets there.
    expect: { poll: { timeout: 15_000 } },
  },
});

import { defineConfig } from 'vitest/config';

/** The browser specs: run by scripts/e2e.mjs against a started server, never by the root `vitest run`. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.spec.ts'],
    // One server, one database, flows that build on each other: one file at a time, in order.
    fileParallelism: false,
    sequence: { shuffle: false },
    testTimeout: 60_000,
    // A real browser and server: give expect.poll room beyond its 1 s default.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Spec files in name order, always: later specs build on the first-run setup that
 * helpdesk.spec.ts performs. (Vitest's own order puts last run's failures and slow files first.)
 */
class ByName extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

/** The browser specs: run by scripts/e2e.mjs against a started server, never by the root `vitest run`. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.spec.ts'],
    // One server, one database, flows that build on each other: one file at a time, in order.
    fileParallelism: false,
    sequence: { shuffle: false, sequencer: ByName },
    testTimeout: 60_000,
    // A real browser and server: give expect.poll room beyond its 1 s default.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

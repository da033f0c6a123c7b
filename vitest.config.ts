import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    // Tests run the contract's TypeScript source, not a build of it.
    alias: [
      { find: /^@helpdesk\/contract$/, replacement: path.join(root, 'contract/src/index.ts') },
      { find: /^@helpdesk\/contract\/permissions$/, replacement: path.join(root, 'contract/src/permissions.ts') },
    ],
  },
  test: {
    include: [
      'backend/src/**/*.test.ts',
      'backend/test/**/*.test.ts',
      'contract/src/**/*.test.ts',
      // The client's logic tests (pure functions) run in the same suite.
      'client/src/**/*.test.ts',
    ],
    globalSetup: ['backend/test/global-setup.ts'],
    setupFiles: ['backend/test/setup-file.ts'],
    pool: 'forks',
    // Generous: some tests start real processes, and CI machines can be busy.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

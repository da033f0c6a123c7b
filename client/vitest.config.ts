import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** Client logic tests (pure functions, node environment): `npx vitest run --config client/vitest.config.ts`. */
export default defineConfig({
  resolve: {
    alias: { '@helpdesk/contract': path.resolve(import.meta.dirname, '../contract/src/index.ts') },
  },
  test: {
    root: import.meta.dirname,
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});

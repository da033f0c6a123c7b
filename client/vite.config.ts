import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The contract's TypeScript source: its schemas and zod make one chunk, which the pages share.
    alias: [
      { find: /^@helpdesk\/contract$/, replacement: path.resolve(import.meta.dirname, '../contract/src/index.ts') },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:4000', '/health': 'http://127.0.0.1:4000' },
  },
});

import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The contract's schemas are not in the first load (lazySchema), but the first answer (who is
 * signed in) needs them: fetch and parse them beside the shell instead of after that answer.
 */
function preloadContract(): Plugin {
  return {
    name: 'preload-contract',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === 'contract');
        if (!chunk) return [];
        return [
          {
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadContract()],
  resolve: {
    // The contract's TypeScript source: its schemas and zod make one chunk, which the pages share.
    alias: [
      { find: /^@helpdesk\/contract$/, replacement: path.resolve(import.meta.dirname, '../contract/src/index.ts') },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // The first load was 54 small files (Mantine's and the catalogues' shared pieces): over
        // HTTP/1.1's six connections they queued for 0.6 s before the first API call. Now the
        // shell's libraries, Mantine, the English catalogues and the contract are a chunk each
        // (decision 023; the pages and the features' parts stay chunks of their own).
        codeSplitting: {
          groups: [
            { name: 'contract', test: /contract[\\/]src[\\/]|node_modules[\\/]zod[\\/]/ },
            { name: 'catalogues-en', test: /src[\\/]locales[\\/]en[\\/]/ },
            {
              name: 'shell',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|i18next[^\\/]*|react-i18next|html-parse-stringify|void-elements|@babel[\\/]runtime)[\\/]/,
            },
            {
              name: 'mantine',
              test: /node_modules[\\/](@mantine|@floating-ui|clsx|react-remove-scroll|react-number-format|react-textarea-autosize|tabbable|use-sidecar|use-callback-ref|get-nonce|react-style-singleton|aria-hidden|detect-node-es|tslib)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:4000', '/health': 'http://127.0.0.1:4000' },
  },
});

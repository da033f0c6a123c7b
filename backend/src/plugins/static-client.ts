import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { isApiPath, sendError, sendNotFound } from './errors.js';

/**
 * Serves the built client (client/dist) at `/`, with index.html for any other GET so the
 * client's router can take it (SPA fallback). `/api/*`, `/health*` and `/assets/*` never fall back.
 */
export const staticClientPlugin = fp<{ clientDistDir: string }>(
  async (app, { clientDistDir }) => {
    const indexFile = path.join(clientDistDir, 'index.html');
    const built = existsSync(indexFile);
    if (built) {
      await app.register(fastifyStatic, {
        root: clientDistDir,
        wildcard: false,
        index: false,
        // client/scripts/precompress.mjs writes .br and .gz beside each asset at build time.
        preCompressed: true,
        setHeaders(res, filePath) {
          // Vite puts content-hashed files in assets/: they never change.
          if (filePath.includes(`${path.sep}assets${path.sep}`)) {
            res.header('Cache-Control', 'public, max-age=31536000, immutable');
          } else {
            res.header('Cache-Control', 'no-cache');
          }
        },
      });
    }
    app.setNotFoundHandler((req, reply) => {
      // A built file that is not there (an older build's chunk, asked for by a page loaded before
      // a deploy) is a 404 too, not index.html: the browser then reports a failed load, not HTML
      // as a script.
      const fallsBack = !isApiPath(req.url) && !req.url.startsWith('/assets/');
      if (!fallsBack || (req.method !== 'GET' && req.method !== 'HEAD')) return sendNotFound(req, reply);
      if (!built) {
        return sendError(reply, 503, 'CLIENT_NOT_BUILT', 'The web client is not built: run npm run build');
      }
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    });
  },
  { name: 'static-client' },
);

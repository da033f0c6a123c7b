// Writes a Brotli (.br) and a gzip (.gz) copy beside each built script and stylesheet, so the
// server sends them as they are (@fastify/static preCompressed) instead of compressing every
// asset again on each request (which cost the first load about 0.3 s on a 2-core machine).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const assets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'assets');
let files = 0;
for (const name of readdirSync(assets)) {
  if (!/\.(js|css|svg|json)$/.test(name)) continue;
  const file = path.join(assets, name);
  const bytes = readFileSync(file);
  // Small files too: without a copy beside it the server compresses a file on every request
  // (@fastify/compress's threshold applies to buffers, not to a file's stream), and looking for
  // the missing copies costs two failed stat calls first.
  writeFileSync(
    `${file}.br`,
    brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }),
  );
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  files++;
}
console.log(`precompressed ${files} assets (.br and .gz)`);

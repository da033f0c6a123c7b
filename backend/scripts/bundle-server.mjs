// Bundles the server (what tsc wrote to dist/index.js and everything it imports) into one file,
// dist/index.js itself, plus dist/server-chunk-*.js for what is loaded later through `import()`
// (mail, S3, QR codes, password dictionaries, backups). Why: on a 2-core machine a quarter of a
// start went to resolving, reading and compiling ~1,600 module files one by one (issue 22,
// docs/decisions/024-server-start.md). The CLI (dist/cli.js) and the rest of dist/ stay tsc's.
//
// Every file lands in dist/ itself, as tsc's dist/index.js and dist/config.js did: the code that
// finds the backend's directory from its own location (config.ts) finds the same one.
import { readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const backend = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(backend, 'dist');
// Beside dist/, at its depth: the source maps' relative paths stay right when the files move in.
const staging = path.join(backend, '.server-bundle');

/**
 * Packages loaded from node_modules as before: some read files beside their own code (a native
 * binary, PGlite's WASM and data files, static files and their package.json) or start worker
 * threads by file name; the others are what the server loads only on first use, through
 * `import()`, where Node's rules (a CommonJS package's named exports) must hold as in the tests,
 * and bundling would not make a start faster anyway.
 */
const external = [
  '@node-rs/*',
  '@electric-sql/pglite',
  '@fastify/swagger',
  '@fastify/swagger-ui',
  'ioredis',
  'pino',
  'pino-pretty',
  'thread-stream',
  'pg-native',
  // loaded through import(): by @fastify/cookie at start, the rest by the server on first use
  'cookie',
  '@aws-sdk/*',
  '@zxcvbn-ts/*',
  'email-reply-parser',
  'imapflow',
  'mailparser',
  'nodemailer',
  'qrcode',
];

rmSync(staging, { recursive: true, force: true });
const result = await build({
  entryPoints: { index: path.join(dist, 'index.js') },
  outdir: staging,
  chunkNames: 'server-chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  // Whitespace and syntax only: function names stay as written, for stack traces in the logs.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  // Stack traces name the sources with `node --enable-source-maps`.
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
  // CommonJS dependencies call require() for Node's own modules; an ES module has none.
  banner: {
    js: "import { createRequire as __helpdeskRequire } from 'node:module'; const require = __helpdeskRequire(import.meta.url);",
  },
});

// import() of a bundled CommonJS file gives only `default` (Node also gives its named exports):
// such a package must be in `external`.
const { inputs } = result.metafile;
const bundledLater = Object.values(inputs)
  .flatMap((input) => input.imports)
  .filter((i) => i.kind === 'dynamic-import' && !i.external && inputs[i.path]?.format !== 'esm');
if (bundledLater.length > 0) {
  rmSync(staging, { recursive: true, force: true });
  console.error(
    `bundle-server: add to its external list (CommonJS loaded through import()): ${bundledLater.map((i) => i.path).join(', ')}`,
  );
  process.exit(1);
}

for (const old of readdirSync(dist).filter((f) => f.startsWith('server-chunk-'))) rmSync(path.join(dist, old));
// index.js.map (tsc's) is replaced by the bundle's own.
for (const file of readdirSync(staging)) renameSync(path.join(staging, file), path.join(dist, file));
rmSync(staging, { recursive: true, force: true });

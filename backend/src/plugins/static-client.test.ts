import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { api } from '../../test/api.js';
import { useTestApp } from '../../test/build-test-app.js';

// A stand-in for client/dist, as Vite lays it out.
const dist = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-dist-'));
mkdirSync(path.join(dist, 'assets'));
writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>HelpDesk Pro</title><div id="root"></div>');
writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
// What client/scripts/precompress.mjs writes beside an asset at build time.
const shell = `console.log(${JSON.stringify('y'.repeat(4000))});`;
writeFileSync(path.join(dist, 'assets', 'shell-def456.js'), shell);
// (Marked, so that a test can tell it from the same file compressed on the fly.)
const shellBr = `${shell}// built copy`;
writeFileSync(path.join(dist, 'assets', 'shell-def456.js.br'), brotliCompressSync(shellBr));

describe('client, headers, compression and API docs', () => {
  const t = useTestApp({ CLIENT_DIST_DIR: dist });

  it('serves the client at / and falls back to index.html for client routes', async () => {
    for (const url of ['/', '/tickets/1042', '/admin/users?tab=2']) {
      const res = await api(t).get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<title>HelpDesk Pro</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('never answers unknown /api routes with the SPA', async () => {
    const res = await api(t).get('/api/tickets-that-do-not-exist');
    expect(res.statusCode).toBe(404);
    expect(res.json().success).toBe(false);
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const res = await api(t).get('/assets/index-abc123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('answers a missing built asset with 404, not the SPA', async () => {
    // An older build's chunk, asked for by a page loaded before a deploy.
    const res = await api(t).get('/assets/index-old999.js');
    expect(res.statusCode).toBe(404);
    expect(res.json().success).toBe(false);
    expect(res.headers['content-type']).not.toMatch(/text\/html/);
    expect(res.headers['cache-control'] ?? '').not.toContain('immutable');
  });

  it('does not serve files outside client/dist', async () => {
    const res = await api(t).get('/assets/../../../etc/passwd');
    expect(res.body).not.toContain('root:');
  });

  it('sends security headers with a CSP', async () => {
    const res = await api(t).get('/');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('compresses responses when the client accepts it', async () => {
    const res = await api(t).get('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).toString()).toContain('xxxx');
  });

  it('sends the Brotli copy written at build time as it is, and the plain file to those without Brotli', async () => {
    const br = await api(t).get('/assets/shell-def456.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(shellBr);
    const plain = await api(t).get('/assets/shell-def456.js', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(shell);
  });

  it('publishes the OpenAPI document and a docs page', async () => {
    const spec = await api(t).get('/api/openapi.json');
    expect(spec.statusCode).toBe(200);
    expect(spec.json().openapi).toMatch(/^3\./);
    expect(Object.keys(spec.json().paths)).toContain('/health');
    const docs = await api(t).get('/api/docs');
    expect([200, 302]).toContain(docs.statusCode);
    const page = await api(t).get('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});

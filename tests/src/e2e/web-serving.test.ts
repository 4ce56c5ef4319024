import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultUiDir, webRoutes } from '../../../server/src/routes/web';
import { type TestApp, testApp } from '../support/app';
import { REPO_ROOT } from '../support/env';

/** How the server hands out the built web app (server/src/routes/web.ts), without a browser. */
let t: TestApp;
let entry: string;

beforeAll(async () => {
  t = await testApp();
  const manifest = JSON.parse(await readFile(join(defaultUiDir(), '.vite', 'manifest.json'), 'utf8'));
  entry = (Object.values(manifest) as { file: string; isEntry?: boolean }[]).find((c) => c.isEntry)!.file;
});
afterAll(() => t?.close());

describe('the web app as the server serves it', () => {
  it('answers every page path with index.html, uncached, to anyone, under a CSP that allows the app', async () => {
    for (const path of ['/', '/inbox', '/forms/frm_lead/records/rec_1', '/login?next=%2Finbox']) {
      const response = await t.anonymous().get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.raw.body).toContain(`/${entry}`);
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      // Plain http on a LAN must keep working: no forced upgrade of the app's own requests.
      expect(csp).not.toContain('upgrade-insecure-requests');
    }
  });

  it('caches hashed assets for a year and sends the precompressed file a browser accepts', async () => {
    const plain = await t.anonymous().get(`/${entry}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toContain('javascript');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const brotli = await t.anonymous().request('GET', `/${entry}`, undefined, {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toContain('accept-encoding');
    expect(Number(brotli.headers['content-length'])).toBeLessThan(plain.raw.rawPayload.length / 3);
  });

  it('keeps the API its own: unknown API paths and missing files are 404, not the app', async () => {
    const api = await t.admin.get('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not_found');
    expect((await t.anonymous().get('/assets/nothing-here.js')).status).toBe(404);
    expect((await t.anonymous().get('/nothing-here.png')).status).toBe(404);
    expect((await t.anonymous().get('/.build-hash')).status).toBe(404);
    expect((await t.anonymous().get('/.vite/manifest.json')).status).toBe(404);
    expect((await t.anonymous().get('/../package.json')).status).not.toBe(200);
    const favicon = await t.anonymous().get('/favicon.svg');
    expect(favicon.status).toBe(200);
    expect(favicon.headers['content-type']).toContain('image/svg+xml');
  });

  it('says how to build when the app is not built, rather than failing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'forecourt-no-ui-'));
    const bare = Fastify();
    await bare.register(webRoutes, { uiDir: empty } as never);
    try {
      const response = await bare.inject({ method: 'GET', url: '/inbox' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('node scripts/build-ui.mjs');
    } finally {
      await bare.close();
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('keeps the shell within 300 KB of gzipped JavaScript before the lazy page chunks', () => {
    const measured = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'ui-size.mjs'), '--json'], {
      encoding: 'utf8',
    });
    expect(measured.status, measured.stderr).toBe(0);
    const size = JSON.parse(measured.stdout) as { shellBytes: number; lazyFiles: number };
    expect(size.shellBytes).toBeLessThanOrEqual(300 * 1024);
    // Pages are lazy: the shell is not the whole app.
    expect(size.lazyFiles).toBeGreaterThan(5);
  });
});

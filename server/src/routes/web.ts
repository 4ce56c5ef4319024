import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { RouteDeps } from './deps';

/**
 * The web app (runtime-ui/dist, built by scripts/build-ui.mjs) at `/`: one process, one URL.
 *
 * - `/assets/*` are Vite's content-hashed files: cached for a year, `immutable`.
 * - Any other GET outside `/api` whose last segment has no dot is a page of the app: `index.html`,
 *   never cached (`no-cache`: a new build is picked up on the next load), and the app's router shows it.
 *   A path with a dot is a file of `dist/` (the favicon), else 404.
 * - Gzip and Brotli siblings written by the build are sent to browsers that accept them.
 * - Without a build (a fresh checkout that skipped the install's build) `/` says how to build, 503.
 *
 * The routes are public: the page itself holds no data; the app logs in through the API.
 */
export interface WebOptions {
  /** The built app's folder; runtime-ui/dist of this checkout when absent. */
  uiDir?: string;
}

const YEAR = '365d';

export const webRoutes: FastifyPluginAsyncTypebox<RouteDeps & WebOptions> = async (app, options) => {
  const root = options.uiDir ?? defaultUiDir();
  await app.register(fastifyStatic, {
    root,
    serve: false,
    preCompressed: true,
    index: false,
    // Never the build's own files (.build-hash, .vite/manifest.json).
    dotfiles: 'ignore',
    suppressWarning: true,
  });
  const route = { config: { access: 'public' as const }, schema: { hide: true } };

  app.get('/assets/*', route, async (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    return reply.sendFile(`assets/${file}`, { maxAge: YEAR, immutable: true });
  });

  app.get('/*', route, async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path === '/api' || path.startsWith('/api/')) return reply.callNotFound();
    const last = path.slice(path.lastIndexOf('/') + 1);
    if (last.includes('.')) return reply.sendFile(path.slice(1), { maxAge: 0 });
    return sendIndex(root, reply);
  });
};

function sendIndex(root: string, reply: FastifyReply) {
  reply.header('cache-control', 'no-cache');
  if (!existsSync(join(root, 'index.html'))) return reply.code(503).type('text/html').send(NOT_BUILT);
  return reply.sendFile('index.html', { cacheControl: false });
}

/**
 * FORECOURT_UI_DIR when set (a build elsewhere, see scripts/build-ui.mjs), else runtime-ui/dist beside
 * the server package: found upward from this module (server/src or server/dist).
 */
export function defaultUiDir(): string {
  if (process.env.FORECOURT_UI_DIR) return process.env.FORECOURT_UI_DIR;
  let dir = import.meta.dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'runtime-ui', 'package.json'))) return join(dir, 'runtime-ui', 'dist');
    dir = dirname(dir);
  }
  return join(process.cwd(), 'runtime-ui', 'dist');
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Forecourt: the web app is not built</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.5">
<h1>The web app is not built yet</h1>
<p>The API is running (<a href="/api/health">/api/health</a>, <a href="/api/docs">/api/docs</a>), but
<code>runtime-ui/dist</code> is missing. Build it from the repository root with</p>
<pre>node scripts/build-ui.mjs</pre>
<p>(<code>npx --yes pnpm@12.4.2 install</code> and <code>… start</code> do this for you), then reload.</p>
<p lang="zh-CN">网页应用尚未构建：在仓库根目录运行 <code>node scripts/build-ui.mjs</code> 后刷新。</p>
</body></html>
`;

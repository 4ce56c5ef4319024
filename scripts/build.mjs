// Bundles the server and CLI with the workspace packages they import (our TypeScript) into
// server/dist/forecourt.mjs, so that starting needs plain `node`, no TypeScript loader. npm packages
// stay external and resolve from server/node_modules: the server declares every runtime dependency
// of the packages it bundles (a test keeps that list complete). A few pure-ESM libraries made of
// hundreds of small modules are bundled too: loading them file by file cost ~0.8 s of every start.
// The expression worker (engine/src/expressions/worker.ts) is bundled beside it as
// server/dist/expression-worker.mjs: a worker thread needs a real file, which the pool finds next to
// the bundle it runs from. Takes about 300 ms.
import { build } from 'esbuild';

const BUNDLED = ['@forecourt', 'kysely', 'typebox'];

const npmPackagesExternal = {
  name: 'npm-packages-external',
  setup(plugin) {
    plugin.onResolve({ filter: /^[^./]/ }, (args) =>
      BUNDLED.some((name) => args.path === name || args.path.startsWith(`${name}/`))
        ? undefined
        : { path: args.path, external: true },
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [npmPackagesExternal],
  sourcemap: 'linked',
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/dist/forecourt.mjs' }),
  build({
    ...common,
    entryPoints: ['engine/src/expressions/worker.ts'],
    outfile: 'server/dist/expression-worker.mjs',
  }),
]);

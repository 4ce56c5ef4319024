// Bundles the server and CLI with the workspace packages they import (our TypeScript) into
// server/dist/forecourt.mjs, so that starting needs plain `node`, no TypeScript loader. npm packages
// stay external and resolve from server/node_modules: the server declares every runtime dependency
// of the packages it bundles (a test keeps that list complete). Takes about 100 ms.
import { build } from 'esbuild';

const npmPackagesExternal = {
  name: 'npm-packages-external',
  setup(plugin) {
    plugin.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@forecourt/') ? undefined : { path: args.path, external: true },
    );
  },
};

await build({
  entryPoints: ['server/src/cli.ts'],
  outfile: 'server/dist/forecourt.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [npmPackagesExternal],
  sourcemap: 'linked',
  logLevel: 'warning',
});

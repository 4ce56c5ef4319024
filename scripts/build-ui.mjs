// Builds the web app (runtime-ui → runtime-ui/dist) with Vite, unless the sources are unchanged since
// the last build: a hash of the app's sources, the shared schemas and the lockfile is kept in
// dist/.build-hash, so `pnpm start` after the first build costs a few milliseconds. `--force` rebuilds.
// After a build it writes .gz and .br siblings of the text files (the server sends them to browsers
// that accept them) and prints the shell's gzipped size (scripts/ui-size.mjs). A cold build takes
// about 10 s on 2 cores.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { describeShell, measureShell } from './ui-size.mjs';

const ROOT = join(import.meta.dirname, '..');
const UI = join(ROOT, 'runtime-ui');
// FORECOURT_UI_DIR builds (and the server serves) another folder: parallel work on one checkout
// keeps one build each instead of replacing the files under another's running browser test.
const DIST = process.env.FORECOURT_UI_DIR || join(UI, 'dist');
const HASH_FILE = join(DIST, '.build-hash');
const INPUTS = [
  'runtime-ui/index.html',
  'runtime-ui/vite.config.ts',
  'runtime-ui/package.json',
  'runtime-ui/src',
  'runtime-ui/public',
  'designer/src',
  'designer/package.json',
  'schemas/src',
  'pnpm-lock.yaml',
];
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

export function sourceHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => files(join(ROOT, input)))) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function isFresh(hash = sourceHash()) {
  return (
    existsSync(join(DIST, 'index.html')) && existsSync(HASH_FILE) && readFileSync(HASH_FILE, 'utf8') === hash
  );
}

function precompress() {
  for (const file of files(DIST).filter((f) => COMPRESSIBLE.test(f) && !f.includes('/.vite/'))) {
    const content = readFileSync(file);
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
  }
}

/** Builds when stale (or forced); returns whether it built. Throws when Vite fails. */
export function buildUi({ force = false } = {}) {
  const hash = sourceHash();
  if (!force && isFresh(hash)) return false;
  const vite = join(UI, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) throw new Error('Vite is not installed: run `npx --yes pnpm@12.4.2 install` first.');
  const started = Date.now();
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', DIST], {
    cwd: UI,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`The web app build failed (vite exited with ${result.status}).`);
  precompress();
  writeFileSync(HASH_FILE, hash);
  console.log(`built the web app in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(describeShell(measureShell(DIST)));
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    buildUi({ force: process.argv.includes('--force') });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

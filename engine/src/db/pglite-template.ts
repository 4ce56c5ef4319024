import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * PGlite runs initdb on an empty data directory, which takes 4–5 s here. A bare cluster dumped once
 * per install (and per PGlite version) loads in about 1 s instead. Nothing depends on it: without
 * the file, PGlite runs initdb as usual.
 */
export function pgliteTemplateFile(cacheDir: string): string {
  return join(cacheDir, `pglite-${pgliteVersion()}.tar.gz`);
}

export async function preparePgliteTemplate(file: string): Promise<boolean> {
  if (existsSync(file)) return false;
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create();
  const dump = await pglite.dumpDataDir('gzip');
  await pglite.close();
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return true;
}

export function readPgliteTemplate(file: string): Blob | undefined {
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (let i = 0; i < 5; i++, dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8'));
    if (name === '@electric-sql/pglite') return version;
  }
  return 'unknown';
}

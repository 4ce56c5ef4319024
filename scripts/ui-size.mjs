// Measures the web app's shell: the JavaScript a browser must load before the first page can show,
// i.e. the entry chunk and every chunk it imports statically (as Vite's manifest lists them), gzipped.
// Lazy page chunks are counted apart. Budget: 300 KB (issue 7). `--json` prints the numbers as JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const SHELL_BUDGET_BYTES = 300 * 1024;

export function measureShell(distDir) {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8'));
  const gzipped = (file) => gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entry) throw new Error(`No entry chunk in ${distDir}/.vite/manifest.json`);
  const shell = new Set();
  const visit = (key) => {
    if (shell.has(key)) return;
    shell.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  visit(entry);
  const js = (keys) => keys.filter((key) => manifest[key].file.endsWith('.js'));
  const shellKeys = js([...shell]);
  const lazyKeys = js(Object.keys(manifest).filter((key) => !shell.has(key)));
  const sum = (keys) => keys.reduce((total, key) => total + gzipped(manifest[key].file), 0);
  return {
    shellBytes: sum(shellKeys),
    shellFiles: shellKeys.map((key) => manifest[key].file),
    lazyBytes: sum(lazyKeys),
    lazyFiles: lazyKeys.length,
    budgetBytes: SHELL_BUDGET_BYTES,
  };
}

export function describeShell(size) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const verdict = size.shellBytes <= size.budgetBytes ? 'within' : 'OVER';
  return (
    `web app shell: ${kb(size.shellBytes)} gzipped JS in ${size.shellFiles.length} file(s), ` +
    `${verdict} the ${kb(size.budgetBytes)} budget; lazy chunks: ${kb(size.lazyBytes)} in ${size.lazyFiles} files`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = measureShell(
    process.env.FORECOURT_UI_DIR || join(import.meta.dirname, '..', 'runtime-ui', 'dist'),
  );
  console.log(process.argv.includes('--json') ? JSON.stringify(size) : describeShell(size));
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchRun, benchOrder, regressions, renderTable, writeTable } from './report';

/** `tsx tests/bench/render.ts`: rewrites the table of docs/performance.md from the latest results file. */
const repoRoot = join(import.meta.dirname, '..', '..');
const dir = join(repoRoot, 'tests/bench/results');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string): BenchRun => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const run = load(files.at(-1)!);
run.outcomes.sort((a, b) => benchOrder(a.id) - benchOrder(b.id));
const previous = files.length > 1 ? load(files.at(-2)!) : undefined;
writeTable(join(repoRoot, 'docs/performance.md'), renderTable(run, regressions(run, previous)));
console.log(`docs/performance.md rendered from ${files.at(-1)}`);

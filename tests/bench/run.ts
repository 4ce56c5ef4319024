import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCHMARKS } from './benchmarks';
import { type BenchRun, benchOrder, previousRun, regressions, renderTable, writeTable } from './report';
import type { BenchContext, BenchOutcome } from './types';

/**
 * `pnpm bench [--size 100k|1m] [--modes postgres,pglite] [--only B9,B1]`: runs the benchmarks of
 * docs/performance.md, saves the results as JSON and rewrites the table in docs/performance.md.
 */
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100k' },
    modes: { type: 'string', default: 'postgres,pglite' },
    only: { type: 'string' },
  },
});
const repoRoot = join(import.meta.dirname, '..', '..');
const size = values.size === '1m' ? '1m' : '100k';
const context: BenchContext = {
  size,
  modes: values
    .modes!.split(',')
    .filter((m): m is 'postgres' | 'pglite' => m === 'postgres' || m === 'pglite'),
  repoRoot,
  log: (message) => console.log(`  ${message}`),
};
const only = values.only?.split(',');

const outcomes: BenchOutcome[] = [];
for (const benchmark of BENCHMARKS) {
  if (only && !only.includes(benchmark.id)) continue;
  console.log(`${benchmark.id} ${benchmark.title} (target ${benchmark.target})`);
  try {
    const result = await benchmark.run(context);
    for (const o of result) {
      console.log(
        o.status === 'measured'
          ? `  ${o.mode}: median ${o.value.median} ${o.unit}`
          : `  ${o.status}: ${o.note}`,
      );
    }
    outcomes.push(...result);
  } catch (error) {
    console.error(`  failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
  cwd: repoRoot,
  encoding: 'utf8',
}).trim();
const date = new Date().toISOString();
// A partial run (--only) keeps the other benchmarks' latest figures, marked with the run they come from.
const previous = only ? previousRun(join(repoRoot, 'tests/bench/results'), '') : undefined;
const ran = new Set(outcomes.map((o) => o.id));
for (const carried of previous?.outcomes ?? []) {
  if (ran.has(carried.id)) continue;
  const from = carried.note?.includes('carried from')
    ? carried.note
    : `carried from ${previous!.date.slice(0, 16)}, commit ${previous!.commit}`;
  outcomes.push({ ...carried, note: from });
}
outcomes.sort((a, b) => benchOrder(a.id) - benchOrder(b.id));
const run: BenchRun = {
  date,
  commit,
  machine: `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  size,
  outcomes,
};
const resultsDir = join(repoRoot, 'tests/bench/results');
mkdirSync(resultsDir, { recursive: true });
const file = `${date.slice(0, 19).replaceAll(':', '-')}-${commit}.json`;
writeFileSync(join(resultsDir, file), `${JSON.stringify(run, null, 2)}\n`);
const flagged = regressions(run, previousRun(resultsDir, file));
writeTable(join(repoRoot, 'docs/performance.md'), renderTable(run, flagged));
console.log(`\nSaved tests/bench/results/${file}; docs/performance.md updated.`);
if (flagged.length) console.log(`Regressions: ${flagged.join('; ')}`);

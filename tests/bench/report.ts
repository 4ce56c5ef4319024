import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOutcome } from './types';

export interface BenchRun {
  date: string;
  commit: string;
  machine: string;
  size: string;
  outcomes: BenchOutcome[];
}

const START = '<!-- bench:start (written by `pnpm bench`; do not edit by hand) -->';
const END = '<!-- bench:end -->';

/** The newest earlier run, to compare against. */
export function previousRun(resultsDir: string, exceptFile: string): BenchRun | undefined {
  const files = readdirSync(resultsDir)
    .filter((f) => f.endsWith('.json') && f !== exceptFile)
    .sort();
  const last = files.at(-1);
  return last ? JSON.parse(readFileSync(join(resultsDir, last), 'utf8')) : undefined;
}

/** Ratios that got more than 15% worse than the previous run (higher ratio = slower, for time-like units). */
export function regressions(run: BenchRun, previous: BenchRun | undefined): string[] {
  if (!previous) return [];
  const out: string[] = [];
  for (const now of run.outcomes) {
    if (now.status !== 'measured' || !now.ratio) continue;
    const before = previous.outcomes.find((o) => o.id === now.id && o.mode === now.mode);
    if (before?.status !== 'measured' || !before.ratio) continue;
    const change = now.ratio.median / before.ratio.median - 1;
    const worse = now.unit.includes('/s') ? -change : change;
    if (worse > 0.15)
      out.push(
        `${now.id} ${now.mode}: ratio ${before.ratio.median} → ${now.ratio.median} (${Math.round(worse * 100)}% worse)`,
      );
  }
  return out;
}

export function renderTable(run: BenchRun, flagged: string[]): string {
  const lines = [
    `Run ${run.date}, commit \`${run.commit}\`, ${run.machine}, size ${run.size}.`,
    '',
    '| id | mode | median | min–max | baseline (median) | ratio median (min–max) | target | met |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const o of run.outcomes) {
    if (o.status !== 'measured') {
      lines.push(`| ${o.id} | ${o.mode} | not available yet | | | | | ${o.note} |`);
      continue;
    }
    const baseline = o.baseline ? `${o.baseline.value.median} (${o.baseline.label})` : '';
    const ratio = o.ratio ? `${o.ratio.median} (${o.ratio.min}–${o.ratio.max})` : '';
    const note = o.note ? ` (${o.note})` : '';
    lines.push(
      `| ${o.id} | ${o.mode}${note} | ${o.value.median} ${o.unit} | ${o.value.min}–${o.value.max} | ${baseline} | ${ratio} | ${o.target} | ${o.meetsTarget ? 'yes' : 'no'} |`,
    );
  }
  lines.push(
    '',
    flagged.length
      ? `Regressions over 15%: ${flagged.join('; ')}.`
      : 'No ratio regressed by more than 15% against the previous run.',
  );
  return lines.join('\n');
}

/** Replaces the generated block of docs/performance.md, keeping the prose around it. */
export function writeTable(docPath: string, table: string): void {
  const doc = readFileSync(docPath, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${docPath} lacks the ${START} … ${END} markers`);
  writeFileSync(docPath, `${doc.slice(0, start + START.length)}\n${table}\n${doc.slice(end)}`);
}

/** Table order: B1, B1b, B2 … B13. */
export function benchOrder(id: string): number {
  const match = /^B(\d+)(b?)$/.exec(id);
  return match ? Number(match[1]) + (match[2] ? 0.5 : 0) : 99;
}

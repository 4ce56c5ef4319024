/** One benchmark of performance.md: it measures, or says honestly that it cannot yet. */
export interface Benchmark {
  id: string;
  title: string;
  target: string;
  run(context: BenchContext): Promise<BenchOutcome[]>;
}

export interface BenchContext {
  size: '100k' | '1m';
  modes: ('postgres' | 'pglite')[];
  repoRoot: string;
  log(message: string): void;
}

export interface Stats {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export type BenchOutcome =
  | {
      id: string;
      mode: string;
      status: 'measured';
      /** What the figure is, e.g. "ms to health 200". */
      unit: string;
      value: Stats;
      /** The same-run raw baseline, when there is one; ratio = value / baseline unless noted. */
      baseline?: { label: string; value: Stats };
      ratio?: Stats;
      target: string;
      meetsTarget: boolean;
      note?: string;
    }
  | { id: string; mode: string; status: 'not available yet'; note: string };

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    median: round(median),
    min: round(sorted[0]!),
    max: round(sorted.at(-1)!),
    samples: samples.map(round),
  };
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function notYet(id: string, note: string): BenchOutcome[] {
  return [{ id, mode: 'all', status: 'not available yet', note }];
}

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Benchmark, type BenchOutcome, type Stats, stats } from '../types';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUNS = 5;

/** B9: process start to the first `GET /api/health` = 200, the way a person starts Forecourt. */
export const coldStart: Benchmark = {
  id: 'B9',
  title: 'cold start to GET /api/health = 200',
  target: '≤ 1 s (PostgreSQL), ≤ 3 s (fresh PGlite), ≤ 1.5 s (PGlite reopen)',
  async run(context) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: context.repoRoot });
    const cli = join(context.repoRoot, 'server/dist/forecourt.mjs');
    const node = process.execPath;
    const baselineScript = join(context.repoRoot, 'tests/bench/baseline/plain-server.mjs');
    const baseline = await measure(RUNS, () => ({ command: node, args: [baselineScript], env: {} }));
    context.log(`baseline plain Fastify process: median ${baseline.median} ms`);
    const outcomes: BenchOutcome[] = [];

    if (context.modes.includes('pglite')) {
      const cache = { FORECOURT_CACHE_DIR: join(context.repoRoot, 'node_modules/.cache/forecourt') };
      const dirs: string[] = [];
      const fresh = await measure(RUNS, () => {
        const dir = mkdtempSync(join(tmpdir(), 'forecourt-b9-'));
        dirs.push(dir);
        return { command: node, args: [cli, 'start'], env: { ...cache, FORECOURT_DATA_DIR: dir } };
      });
      const reopenDir = dirs[0]!;
      const reopen = await measure(RUNS, () => ({
        command: node,
        args: [cli, 'start'],
        env: { ...cache, FORECOURT_DATA_DIR: reopenDir },
      }));
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      outcomes.push(outcome('pglite (fresh data dir)', fresh, baseline, 3000));
      outcomes.push(outcome('pglite (reopen)', reopen, baseline, 1500));
    }
    if (context.modes.includes('postgres')) {
      const schema = `bench_b9_${process.pid}`;
      await admin(`create schema ${schema}`);
      try {
        const url = new URL(TEST_DATABASE_URL);
        url.searchParams.set('options', `-c search_path=${schema}`);
        const env = { DATABASE_URL: url.toString() };
        await measure(1, () => ({ command: node, args: [cli, 'start'], env })); // migrates: warm-up, discarded
        const started = await measure(RUNS, () => ({ command: node, args: [cli, 'start'], env }));
        outcomes.push(outcome('postgres', started, baseline, 1000));
      } finally {
        await admin(`drop schema if exists ${schema} cascade`);
      }
    }
    return outcomes;
  },
};

function outcome(mode: string, value: Stats, baseline: Stats, targetMs: number): BenchOutcome {
  return {
    id: 'B9',
    mode,
    status: 'measured',
    unit: 'ms to health 200',
    value,
    baseline: { label: 'a plain Fastify process started the same way', value: baseline },
    ratio: stats(value.samples.map((v, i) => v / (baseline.samples[i] ?? baseline.median))),
    target: `≤ ${targetMs} ms`,
    meetsTarget: value.median <= targetMs,
  };
}

interface Launch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

async function measure(runs: number, launch: () => Launch): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeToHealth(launch()));
  return stats(samples);
}

/** Spawns, polls the printed URL's health route every 10 ms, and stops the process with SIGINT. */
async function timeToHealth({ command, args, env }: Launch): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    const deadline = started + 60_000;
    while (performance.now() < deadline) {
      const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        const ok = await fetch(`${url}/api/health`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ok) return performance.now() - started;
      }
      if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no health 200 within 60 s:\n${output}`);
  } finally {
    await stop(child);
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGINT');
  });
}

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

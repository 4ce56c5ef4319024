import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type DatabaseHandle, enqueueJob, migrateToLatest, openDatabase } from '@forecourt/engine';
import { build } from 'esbuild';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, withDdlLock } from '../support/db';
import { REPO_ROOT, testDatabaseKind } from '../support/env';

/**
 * Several worker processes share 2,000 jobs while one of them is SIGKILLed every ~300 ms and
 * restarted: afterwards every job is done exactly once and none is left `running`. PostgreSQL only
 * (PGlite lives inside one process).
 */
const JOBS = 2_000;
const PROCESSES = 3;
const MIN_KILLS = 20;
const KIND = 'crash.result';
const CHILD_SOURCE = join(REPO_ROOT, 'tests', 'src', 'support', 'job-worker-child.ts');
/** Bundled like the server (scripts/build.mjs): plain `node` starts it in ~0.3 s instead of ~1.1 s. */
const CHILD = join(REPO_ROOT, 'tests', 'output', 'job-worker-child.mjs');

let database: DatabaseHandle;
let url: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  if (testDatabaseKind() !== 'postgres') return;
  // npm packages stay external and resolve from tests/node_modules; our TypeScript and kysely are bundled.
  await build({
    entryPoints: [CHILD_SOURCE],
    outfile: CHILD,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['pg', '@electric-sql/pglite'],
    logLevel: 'warning',
  });
  const scratch = await createTestDatabase();
  url = scratch.url;
  drop = scratch.drop;
  database = await openDatabase({ url, poolSize: 4 });
  await withDdlLock(() => migrateToLatest(database.db as Kysely<unknown>));
  await sql`create table crash_results (job_id bigint not null, pid integer not null)`.execute(database.db);
  await database.db.transaction().execute(async (trx) => {
    await sql`insert into jobs (workspace_id, kind, payload)
              select 'ws_crash', ${KIND}, jsonb_build_object('n', n) from generate_series(1, ${JOBS}) n`.execute(
      trx,
    );
    // And one through the public enqueue, with a dedup key the second call finds taken.
    await enqueueJob(trx, { workspaceId: 'ws_crash', kind: 'crash.other', payload: {}, dedupKey: 'crash:1' });
    await enqueueJob(trx, { workspaceId: 'ws_crash', kind: 'crash.other', payload: {}, dedupKey: 'crash:1' });
  });
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface WorkerProcess {
  child: ChildProcess;
  /** Set once the worker loop runs: killing a process still starting up tests nothing. */
  ready: boolean;
}

function spawnWorker(): WorkerProcess {
  const child = spawn(process.execPath, [CHILD], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      JOB_DATABASE_URL: url,
      JOB_KIND: KIND,
      JOB_LEASE_MS: '1000',
      JOB_HANDLER_MS: '20',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const worker: WorkerProcess = { child, ready: false };
  child.stdout!.on('data', (chunk) => {
    if (String(chunk).includes('worker ready')) worker.ready = true;
  });
  child.stderr!.on('data', (chunk) => errors.push(String(chunk)));
  return worker;
}
const errors: string[] = [];

function kill({ child }: WorkerProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function count(query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  return (await query.execute(database.db)).rows[0]!.n;
}

describe.skipIf(testDatabaseKind() !== 'postgres')('job worker crash safety', () => {
  it(`${PROCESSES} processes, one SIGKILLed every ~300 ms: every job done exactly once`, async () => {
    const started = Date.now();
    const children = Array.from({ length: PROCESSES }, spawnWorker);
    let kills = 0;
    let killsWhileWorking = 0;
    let done = 0;
    let killPhase = 0;
    try {
      while (Date.now() - started < 50_000) {
        await pause(200 + Math.random() * 200);
        done = await count(sql`select count(*)::int as n from jobs where kind = ${KIND} and status = 'done'`);
        if (done === JOBS && kills >= MIN_KILLS) break;
        if (kills >= MIN_KILLS && done < JOBS) continue; // enough chaos: let the survivors finish
        const ready = children.flatMap((worker, i) => (worker.ready ? [i] : []));
        if (!ready.length) continue;
        const victim = ready[Math.floor(Math.random() * ready.length)]!;
        await kill(children[victim]!);
        children[victim] = spawnWorker();
        kills++;
        if (kills === MIN_KILLS) killPhase = (Date.now() - started) / 1_000;
        if (done < JOBS) killsWhileWorking++;
      }
    } finally {
      await Promise.all(children.map(kill));
    }
    const seconds = (Date.now() - started) / 1_000;

    const jobs = (
      await sql<{ status: string; n: number; attempts: number }>`
        select status, count(*)::int as n, sum(attempts)::int as attempts from jobs
        where kind = ${KIND} group by status`.execute(database.db)
    ).rows;
    const results = await count(sql`select count(*)::int as n from crash_results`);
    const distinct = await count(sql`select count(distinct job_id)::int as n from crash_results`);
    const orphans = await count(
      sql`select count(*)::int as n from crash_results r where not exists (
            select 1 from jobs j where j.id = r.job_id and j.status = 'done')`,
    );
    const pids = await count(sql`select count(distinct pid)::int as n from crash_results`);
    const attempts = jobs.reduce((sum, row) => sum + row.attempts, 0);
    console.log(
      `crash test: ${JOBS} jobs in ${seconds.toFixed(1)} s (${Math.round(JOBS / seconds)} jobs/s) by ${pids} ` +
        `processes; ${kills} SIGKILLs in the first ${killPhase.toFixed(1)} s (${killsWhileWorking} while jobs remained); ` +
        `${attempts - JOBS} jobs re-run after a kill or lease expiry`,
    );

    expect(jobs.map(({ status, n }) => ({ status, n }))).toEqual([{ status: 'done', n: JOBS }]);
    expect(results).toBe(JOBS);
    expect(distinct).toBe(JOBS);
    expect(orphans).toBe(0);
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(killsWhileWorking).toBeGreaterThanOrEqual(MIN_KILLS);
    // Kills landed mid-job: some claims died with their process and were taken again.
    expect(attempts).toBeGreaterThan(JOBS);
    // Unregistered kinds were left alone, and the dedup key made one job of two enqueues.
    expect(
      (
        await sql<{
          status: string;
          attempts: number;
        }>`select status, attempts from jobs where kind = 'crash.other'`.execute(database.db)
      ).rows,
    ).toEqual([{ status: 'pending', attempts: 0 }]);
    expect(errors.join('')).not.toMatch(/job failed|could not be run|claiming jobs failed/);
  }, 60_000);
});

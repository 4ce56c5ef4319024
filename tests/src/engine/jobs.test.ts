import {
  type ClaimedJob,
  claimJobs,
  enqueueJob,
  type JobHandler,
  JobRegistry,
  runClaimedJob,
  startWorker,
  type Worker,
  type WorkerOptions,
} from '@forecourt/engine';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/db';

let database: TestDatabase;
const workers: Worker[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  await sql`create table job_effects (job_id text not null, note text not null, at timestamptz not null default clock_timestamp())`.execute(
    database.db,
  );
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
});
afterAll(() => database?.close());

const WS = 'ws_jobs';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A registry with one kind whose handler is given; every test uses kinds of its own. */
function registryWith(kind: string, handler: JobHandler, maxAttempts?: number): JobRegistry {
  const registry = new JobRegistry();
  registry.register(kind, handler, { maxAttempts });
  return registry;
}

function run(registry: JobRegistry, options: WorkerOptions = {}): Worker {
  const worker = startWorker(database.db, { mode: database.mode, pollMs: 20, registry, ...options });
  workers.push(worker);
  return worker;
}

/** The handler every "does work" test uses: one effect row, written in the job's transaction. */
const writeEffect =
  (note = 'ran'): JobHandler =>
  async (job, trx) => {
    await sql`insert into job_effects (job_id, note) values (${job.id}, ${note})`.execute(trx);
  };

async function jobsOf(kind: string) {
  const { rows } = await sql<{
    id: string;
    status: string;
    attempts: number;
    last_error: string | null;
    locked_until: Date | null;
    run_at: Date;
  }>`select id::text as id, status, attempts, last_error, locked_until, run_at from jobs
     where kind = ${kind} order by id`.execute(database.db);
  return rows;
}

async function effectsOf(kind: string) {
  const { rows } = await sql<{ job_id: string; note: string; at: Date }>`
    select e.job_id, e.note, e.at from job_effects e join jobs j on j.id::text = e.job_id
    where j.kind = ${kind} order by e.at`.execute(database.db);
  return rows;
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await pause(10);
  }
}

const allSettled = (kind: string) => async () =>
  (await jobsOf(kind)).every((job) => job.status === 'done' || job.status === 'failed');

describe('job worker', () => {
  it('runs each job exactly once, with three workers claiming side by side', async () => {
    const kind = 'test.once';
    const registry = registryWith(kind, writeEffect());
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 150; i++) await enqueueJob(trx, { workspaceId: WS, kind, payload: { i } });
    });
    for (let i = 0; i < 3; i++) run(registry);
    await until(allSettled(kind));
    const jobs = await jobsOf(kind);
    expect(jobs).toHaveLength(150);
    expect(jobs.every((job) => job.status === 'done' && job.attempts === 1 && !job.locked_until)).toBe(true);
    const effects = await effectsOf(kind);
    expect(effects).toHaveLength(150);
    expect(new Set(effects.map((effect) => effect.job_id)).size).toBe(150);
  });

  it('hands the handler the job as stored', async () => {
    const kind = 'test.shape';
    const seen: ClaimedJob[] = [];
    const registry = registryWith(kind, async (job) => {
      seen.push(job);
    });
    const id = await enqueueJob(database.db, {
      workspaceId: WS,
      kind,
      payload: { amount: 5000, who: ['a'] },
    });
    run(registry);
    await until(allSettled(kind));
    expect(seen).toEqual([{ id, workspaceId: WS, kind, payload: { amount: 5000, who: ['a'] }, attempts: 1 }]);
  });

  it('does not run a timer before its run_at', async () => {
    const kind = 'test.timer';
    const registry = registryWith(kind, writeEffect());
    const runAt = new Date(Date.now() + 300);
    await enqueueJob(database.db, { workspaceId: WS, kind, payload: {}, runAt });
    run(registry);
    await pause(150);
    expect(await effectsOf(kind)).toHaveLength(0);
    expect((await jobsOf(kind))[0]!.status).toBe('pending');
    await until(allSettled(kind));
    const [effect] = await effectsOf(kind);
    expect(effect!.at.getTime()).toBeGreaterThanOrEqual(runAt.getTime());
  });

  it('retries a failing handler with growing waits and leaves it failed after the attempt limit', async () => {
    const kind = 'test.failing';
    const calls: number[] = [];
    const registry = registryWith(
      kind,
      async () => {
        calls.push(Date.now());
        throw new Error(`dealer system down (try ${calls.length})`);
      },
      4,
    );
    await enqueueJob(database.db, { workspaceId: WS, kind, payload: {} });
    run(registry, { backoff: { baseMs: 40, capMs: 100 }, pollMs: 5 });
    await until(allSettled(kind));
    const [job] = await jobsOf(kind);
    expect(job!.status).toBe('failed');
    expect(job!.attempts).toBe(4);
    expect(job!.last_error).toBe('Error: dealer system down (try 4)');
    expect(calls).toHaveLength(4);
    const gaps = calls.slice(1).map((at, i) => at - calls[i]!);
    // 40, 80, then capped at 100 (a few ms of slack for clocks and timers).
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(gaps[1]).toBeGreaterThanOrEqual(75);
    expect(gaps[2]).toBeGreaterThanOrEqual(95);
    expect(gaps[2]).toBeLessThan(1_000);
    await pause(150);
    expect(calls).toHaveLength(4);
  });

  it('fails a job whose onFailed throws too, undoing only the hook’s writes and logging it', async () => {
    const kind = 'test.failing-hook';
    let runs = 0;
    const registry = new JobRegistry();
    registry.register(
      kind,
      async () => {
        runs++;
        throw new Error('dealer system down');
      },
      {
        maxAttempts: 1,
        onFailed: async (job, trx) => {
          await sql`insert into job_effects (job_id, note) values (${job.id}, 'hook')`.execute(trx);
          throw new Error('notice board down');
        },
      },
    );
    const errors: string[] = [];
    const log = { warn: () => {}, error: (_: object, message: string) => void errors.push(message) };
    await enqueueJob(database.db, { workspaceId: WS, kind, payload: {} });
    run(registry, { log, leaseMs: 50, pollMs: 5 });
    await until(allSettled(kind), 3_000);
    await pause(150); // past the lease: a job left running would be claimed and run again
    const [job] = await jobsOf(kind);
    expect(job!.status).toBe('failed');
    expect(job!.attempts).toBe(1);
    expect(job!.last_error).toContain('Error: dealer system down');
    expect(job!.last_error).toContain('onFailed failed too: Error: notice board down');
    expect(runs).toBe(1);
    expect(await effectsOf(kind)).toEqual([]);
    expect(errors).toEqual(['the job kind’s onFailed failed']);
  });

  it('commits the handler’s writes with the job: a throw leaves no writes, the retry writes once', async () => {
    const kind = 'test.atomic';
    const registry = registryWith(kind, async (job, trx) => {
      await writeEffect(`try ${job.attempts}`)(job, trx);
      if (job.attempts < 3) throw new Error('after writing');
    });
    await enqueueJob(database.db, { workspaceId: WS, kind, payload: {} });
    run(registry, { backoff: { baseMs: 10, capMs: 10 }, pollMs: 5 });
    await until(allSettled(kind));
    const [job] = await jobsOf(kind);
    expect(job).toMatchObject({ status: 'done', attempts: 3, last_error: null });
    expect((await effectsOf(kind)).map((effect) => effect.note)).toEqual(['try 3']);
  });

  it('makes one job of two enqueues with the same dedup key', async () => {
    const kind = 'test.dedup';
    const first = await enqueueJob(database.db, { workspaceId: WS, kind, payload: { n: 1 }, dedupKey: 'k1' });
    const second = await enqueueJob(database.db, {
      workspaceId: WS,
      kind,
      payload: { n: 2 },
      dedupKey: 'k1',
    });
    expect(first).toMatch(/^\d+$/);
    expect(second).toBeUndefined();
    const { rows } = await sql<{ payload: unknown }>`select payload from jobs where kind = ${kind}`.execute(
      database.db,
    );
    expect(rows).toEqual([{ payload: { n: 1 } }]);
  });

  it('leaves kinds nobody registered untouched', async () => {
    const kind = 'test.handled';
    await enqueueJob(database.db, { workspaceId: WS, kind: 'record.created', payload: { recordId: 'r1' } });
    await enqueueJob(database.db, { workspaceId: WS, kind: 'test.nobody', payload: {} });
    await enqueueJob(database.db, { workspaceId: WS, kind, payload: {} });
    run(registryWith(kind, writeEffect()));
    await until(allSettled(kind));
    await pause(60);
    for (const other of ['record.created', 'test.nobody']) {
      expect(await jobsOf(other)).toEqual([
        expect.objectContaining({ status: 'pending', attempts: 0, last_error: null, locked_until: null }),
      ]);
    }
  });

  it('takes a job back when its lease runs out, and fences the late worker off', async () => {
    const kind = 'test.lease';
    const registry = registryWith(kind, writeEffect());
    await enqueueJob(database.db, { workspaceId: WS, kind, payload: {} });
    const [stale] = await claimJobs(database.db, { kinds: [kind], limit: 5, leaseMs: 30 });
    expect(stale).toMatchObject({ kind, attempts: 1 });
    // Not due again while the lease holds.
    expect(await claimJobs(database.db, { kinds: [kind], limit: 5, leaseMs: 30 })).toEqual([]);
    await pause(60);
    const [fresh] = await claimJobs(database.db, { kinds: [kind], limit: 5, leaseMs: 30_000 });
    expect(fresh).toMatchObject({ id: stale!.id, attempts: 2 });
    // The first worker comes back from its pause: its claim is no longer the job's.
    expect(await runClaimedJob(database.db, stale!, registry.get(kind)!)).toEqual({ outcome: 'lost' });
    expect(await effectsOf(kind)).toHaveLength(0);
    expect(await runClaimedJob(database.db, fresh!, registry.get(kind)!)).toEqual({ outcome: 'done' });
    expect(await effectsOf(kind)).toHaveLength(1);
    expect((await jobsOf(kind))[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('finishes a job whose worker died, once its lease has run out', async () => {
    const kind = 'test.orphan';
    await enqueueJob(database.db, { workspaceId: WS, kind, payload: {} });
    await claimJobs(database.db, { kinds: [kind], limit: 1, leaseMs: 100 }); // and then the worker "dies"
    run(registryWith(kind, writeEffect()));
    await pause(50);
    expect(await effectsOf(kind)).toHaveLength(0);
    await until(allSettled(kind));
    expect((await jobsOf(kind))[0]).toMatchObject({ status: 'done', attempts: 2 });
    expect(await effectsOf(kind)).toHaveLength(1);
  });

  it('gives up on a job whose claims keep dying without running it again', async () => {
    const kind = 'test.poison';
    await enqueueJob(database.db, { workspaceId: WS, kind, payload: {} });
    for (let i = 0; i < 2; i++) {
      expect(await claimJobs(database.db, { kinds: [kind], limit: 1, leaseMs: 1 })).toHaveLength(1);
      await pause(5);
    }
    run(registryWith(kind, writeEffect(), 2));
    await until(allSettled(kind));
    const [job] = await jobsOf(kind);
    expect(job).toMatchObject({ status: 'failed', attempts: 3 });
    expect(job!.last_error).toContain('gave up after 2 attempts');
    expect(await effectsOf(kind)).toHaveLength(0);
  });

  it('stops gracefully: the job in hand finishes before stop resolves, no new one starts', async () => {
    const kind = 'test.stop';
    let started = 0;
    const registry = registryWith(kind, async (job, trx) => {
      started++;
      await pause(200);
      await writeEffect()(job, trx);
    });
    await enqueueJob(database.db, { workspaceId: WS, kind, payload: {} });
    const worker = run(registry);
    await until(async () => started === 1);
    const stopped = worker.stop();
    await enqueueJob(database.db, { workspaceId: WS, kind, payload: {} });
    await stopped;
    expect(await effectsOf(kind)).toHaveLength(1);
    expect((await jobsOf(kind)).map((job) => job.status)).toEqual(['done', 'pending']);
    expect(started).toBe(1);
  });
});

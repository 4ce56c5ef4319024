/**
 * One job-worker process for the crash test (src/engine/jobs-crash.test.ts), which starts several
 * and SIGKILLs them at random. The test bundles it and runs it with plain `node`, so the pid it
 * kills is the worker itself (not an npx or tsx wrapper) and a restart is quick. Environment: JOB_DATABASE_URL (a test database),
 * JOB_KIND, JOB_LEASE_MS, JOB_HANDLER_MS (how long each job holds its transaction open).
 *
 * The handler records the job in `crash_results` inside the job's transaction; the table has no
 * unique key on purpose, so a job completed twice would show up as two rows instead of a retry.
 */
// Deep imports keep the bundle to what a worker needs: the test restarts these processes dozens of times.

import { sql } from 'kysely';
import { openDatabase } from '../../../engine/src/db/open';
import { JobRegistry } from '../../../engine/src/jobs/registry';
import { startWorker } from '../../../engine/src/jobs/worker';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const database = await openDatabase({ url: env('JOB_DATABASE_URL'), poolSize: 6 });
const handlerMs = Number(env('JOB_HANDLER_MS'));
const registry = new JobRegistry();
registry.register(env('JOB_KIND'), async (job, trx) => {
  await sql`insert into crash_results (job_id, pid) values (${job.id}, ${process.pid})`.execute(trx);
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * handlerMs));
});
const worker = startWorker(database.db, {
  mode: 'postgres',
  concurrency: 4,
  pollMs: 20,
  leaseMs: Number(env('JOB_LEASE_MS')),
  registry,
  log: {
    warn: (details, message) => console.error(message, details),
    error: (details, message) => console.error(message, details),
  },
});
console.log('worker ready');

process.on('SIGTERM', async () => {
  await worker.stop();
  await database.close();
  process.exit(0);
});

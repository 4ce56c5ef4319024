import {
  type ClaimedJob,
  createOutboundClient,
  type JobOutcome,
  JobRegistry,
  jobHandlers,
  parseAllowList,
  startWorker,
} from '@forecourt/engine';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Org } from './workflow';

/** Deadlines and automatic actions are jobs: the workflow suite makes them due and runs the worker. */

/** Makes the instance's pending workflow jobs due now (instead of waiting for their time). */
export async function dueNow(org: Org, instanceId: string): Promise<number> {
  const result = await sql`
    update jobs set run_at = now()
    where status = 'pending' and kind like 'workflow.%'
      and (payload->>'instanceId' = ${instanceId}
        or payload->>'taskId' in (select id from flow_tasks where instance_id = ${instanceId}))`.execute(
    org.t.database.db,
  );
  return Number(result.numAffectedRows ?? 0);
}

/** The job kind automations run as (engine/src/automations). */
export const AUTOMATION_KINDS = ['automation.run'];

/**
 * Runs the job worker the server runs (workflow kinds unless `kinds` names others) on the test's database until no due
 * workflow job is left, then stops it; returns what became of each job it ran.
 */
export async function runWorker(
  org: Pick<Org, 't'>,
  options: { allowFailures?: boolean; kinds?: string[] } = {},
): Promise<{ kind: string; outcome: JobOutcome }[]> {
  const registry = new JobRegistry();
  const kinds = options.kinds ?? [
    'workflow.deadline',
    'workflow.action',
    'workflow.webhook',
    'workflow.resume',
  ];
  for (const kind of kinds) {
    const registered = jobHandlers.get(kind);
    if (!registered) throw new Error(`No handler for ${kind}`);
    registry.register(kind, registered.handler, registered);
  }
  const ran: { kind: string; outcome: JobOutcome }[] = [];
  const failures: string[] = [];
  const failed = (details: object, message: string) => {
    const { err, job } = details as { err?: { message?: string }; job?: { kind?: string } };
    failures.push(`${job?.kind ?? 'worker'}: ${message}: ${err?.message ?? ''}`);
  };
  const worker = startWorker(org.t.database.db, {
    mode: org.t.database.mode,
    pollMs: 10,
    // Test receivers listen on loopback: the operator's allow-list names it, as it would a LAN host.
    outbound: createOutboundClient({ allow: parseAllowList('127.0.0.1') }),
    registry,
    log: { warn: failed, error: failed },
    onJob: (job: ClaimedJob, outcome) => ran.push({ kind: job.kind, outcome }),
  });
  try {
    for (let i = 0; i < 500; i++) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from jobs
        where kind = any(${kinds}::text[]) and (status = 'running' or (status = 'pending' and run_at <= now()))`.execute(
        org.t.database.db,
      );
      if (rows[0]!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await worker.stop();
  }
  if (!options.allowFailures) expect(failures).toEqual([]);
  return ran;
}

import type pg from 'pg';

export interface CrashRun {
  approverId: string;
  /** Tasks whose approve request was answered 200. */
  acknowledged: string[];
  /** Tasks whose approve request was cut off by a kill, and whose retry got 409 (already approved). */
  approvedByCutRequest: string[];
  /** Instances the client submitted to approve itself (deadline a day away). */
  clientInstances: string[];
  /** Instances whose deadline timer came due during the test (auto-approve). */
  timerInstances: string[];
  leaseSeconds: number;
}

export interface CrashFindings {
  /** Each a sentence with the offending ids; empty when the run lost and doubled nothing. */
  problems: string[];
  figures: { timersFired: number; rerunJobs: number; extraAttempts: number };
}

const NODES = ['start', 'review', 'end'];

/**
 * What SQL finds after a crash run of the workflow engine: every acknowledged approval recorded
 * exactly once (task approved by the approver, one `task.approved` event, instance ended approved
 * with one node run per node), every due deadline timer fired exactly once (its job done once, one
 * `task.approved` event by the system), and nothing doubled or left behind a lease anywhere.
 */
export async function crashFindings(pool: pg.Pool, run: CrashRun): Promise<CrashFindings> {
  const problems: string[] = [];
  const rows = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    (await pool.query<T>(text, values)).rows;
  const report = (what: string, offenders: unknown[]) => {
    if (offenders.length)
      problems.push(`${what} (${offenders.length}): ${JSON.stringify(offenders.slice(0, 5))}`);
  };

  const byPeople = [...run.acknowledged, ...run.approvedByCutRequest];
  report(
    'approvals acknowledged twice by the client',
    byPeople.filter((id, i) => byPeople.indexOf(id) !== i),
  );
  const people = await rows<{
    id: string;
    status: string;
    acted_by: string | null;
    instance: string;
    events: unknown;
  }>(
    `select t.id, t.status, t.acted_by, i.status as instance,
            (select coalesce(json_agg(json_build_object('action', e.action, 'actor', e.actor_id) order by e.id), '[]')
               from flow_events e where e.task_id = t.id) as events
       from flow_tasks t join flow_instances i on i.id = t.instance_id
      where t.id = any($1)`,
    [byPeople],
  );
  report(
    'approved tasks the database does not have',
    byPeople.filter((id) => !people.some((p) => p.id === id)),
  );
  const onePersonApproval = JSON.stringify([{ action: 'task.approved', actor: run.approverId }]);
  report(
    'approved tasks not recorded exactly once as approved by the approver',
    people.filter(
      (p) =>
        p.status !== 'approved' ||
        p.acted_by !== run.approverId ||
        p.instance !== 'approved' ||
        JSON.stringify(p.events) !== onePersonApproval,
    ),
  );
  report(
    'client instances never approved by the client',
    await rows(
      `select i.id, i.status from flow_instances i
        where i.id = any($1) and not exists (
          select 1 from flow_tasks t where t.instance_id = i.id and t.id = any($2))`,
      [run.clientInstances, byPeople],
    ),
  );

  // Every task whose deadline has passed is a timer's: the timer must have approved it, once.
  const due = await rows<{
    id: string;
    instance_id: string;
    status: string;
    acted_by: string | null;
    instance: string;
    events: unknown;
    jobs: { status: string; attempts: number }[];
  }>(
    `select t.id, t.instance_id, t.status, t.acted_by, i.status as instance,
            (select coalesce(json_agg(json_build_object('action', e.action, 'actor', e.actor_id) order by e.id), '[]')
               from flow_events e where e.task_id = t.id) as events,
            (select coalesce(json_agg(json_build_object('status', j.status, 'attempts', j.attempts)), '[]')
               from jobs j where j.dedup_key = 'deadline:' || t.id || ':approve') as jobs
       from flow_tasks t join flow_instances i on i.id = t.instance_id
      where t.due_at <= now()`,
  );
  const dueInstances = new Set(due.map((t) => t.instance_id));
  report(
    'timer instances without a due task',
    run.timerInstances.filter((id) => !dueInstances.has(id)),
  );
  const timerSet = new Set(run.timerInstances);
  report(
    'due tasks that are not a timer instance’s',
    due.filter((t) => !timerSet.has(t.instance_id)),
  );
  const systemApproval = JSON.stringify([{ action: 'task.approved', actor: null }]);
  report(
    'due timers not fired exactly once (task approved by the system, one event, instance approved)',
    due.filter(
      (t) =>
        t.status !== 'approved' ||
        t.acted_by !== null ||
        t.instance !== 'approved' ||
        JSON.stringify(t.events) !== systemApproval,
    ),
  );
  report(
    'due timers whose job is not one row, done',
    due.filter((t) => t.jobs.length !== 1 || t.jobs[0]!.status !== 'done'),
  );

  // One node run per node in every instance that ended; nothing doubled anywhere.
  const ended = [...run.clientInstances, ...run.timerInstances];
  report(
    'ended instances without exactly one node run per node, done',
    await rows(
      `select i.id, i.status, coalesce(json_agg(json_build_object('node', r.node_id, 'status', r.status)
                                  order by r.seq) filter (where r.id is not null), '[]') as runs
         from flow_instances i left join flow_node_runs r on r.instance_id = i.id
        where i.id = any($1)
        group by i.id, i.status
       having i.status <> 'approved'
           or count(r.id) <> ${NODES.length}
           or count(distinct r.node_id) <> ${NODES.length}
           or bool_or(r.status <> 'done')
           or not (array_agg(r.node_id) @> $2::text[])`,
      [ended, NODES],
    ),
  );
  report(
    'tasks approved more than once',
    await rows(
      `select task_id, count(*)::int as n from flow_events where action = 'task.approved'
        group by task_id having count(*) > 1`,
    ),
  );
  report(
    'node runs duplicated (instance, node)',
    await rows(
      `select instance_id, node_id, count(*)::int as n from flow_node_runs
        group by instance_id, node_id having count(*) > 1`,
    ),
  );
  report(
    'records with more than one instance',
    await rows(
      `select record_id, count(*)::int as n from flow_instances group by record_id having count(*) > 1`,
    ),
  );
  report('instances still running', await rows(`select id from flow_instances where status = 'running'`));
  report(
    'jobs running past their lease',
    await rows(
      `select id, kind, attempts, locked_until from jobs where status = 'running' and locked_until < now()`,
    ),
  );
  report(
    'jobs failed',
    await rows(`select id, kind, attempts, last_error from jobs where status = 'failed'`),
  );
  report(
    'deadline jobs due but not done',
    await rows(
      `select id, status, attempts, run_at from jobs
        where kind = 'workflow.deadline' and run_at <= now() and status <> 'done'`,
    ),
  );
  report(
    'tasks still pending a lease after their deadline',
    await rows(
      `select id, due_at from flow_tasks
        where status = 'pending' and due_at < now() - $1::integer * interval '1 second'`,
      [run.leaseSeconds],
    ),
  );

  const [rerun] = await rows<{ jobs: number; extra: number }>(
    `select count(*) filter (where attempts > 1)::int as jobs, coalesce(sum(attempts - 1), 0)::int as extra
       from jobs where kind = 'workflow.deadline' and status = 'done'`,
  );
  return {
    problems,
    figures: {
      timersFired: due.filter((t) => t.status === 'approved' && t.acted_by === null).length,
      rerunJobs: rerun!.jobs,
      extraAttempts: rerun!.extra,
    },
  };
}

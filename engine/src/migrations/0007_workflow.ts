import { type Kysely, sql } from 'kysely';

/**
 * Workflow: one flow per form (a draft and immutable published versions), its running instances,
 * the node runs of each, the tasks people act on, the timeline of events, and in-app
 * notifications. Timers are rows of `jobs` (run_at), never in-memory.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('workflows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('form_id', 'text', (c) => c.notNull().unique().references('forms.id'))
    .addColumn('draft', 'jsonb', (c) => c.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('workflow_versions')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('workflow_versions_pk', ['workflow_id', 'version'])
    .execute();

  await db.schema
    .createTable('flow_instances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('form_id', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('running', 'approved', 'rejected', 'withdrawn', 'ended')`),
    )
    .addColumn('submitter_id', 'text', (c) => c.references('users.id'))
    /** A client's idempotency key for the submit: a retried submit finds the instance it made. */
    .addColumn('dedup_key', 'text', (c) => c.unique())
    /** Bumped by every step, under the instance's row lock. */
    .addColumn('rev', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('ended_at', 'timestamptz')
    .execute();
  // One running instance per record.
  await sql`create unique index flow_instances_running on flow_instances (record_id) where status = 'running'`.execute(
    db,
  );
  await sql`create index flow_instances_submitter on flow_instances (workspace_id, submitter_id, started_at desc)`.execute(
    db,
  );

  await db.schema
    .createTable('flow_node_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('instance_id', 'text', (c) => c.notNull().references('flow_instances.id'))
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('active', 'done', 'rejected', 'returned', 'skipped', 'cancelled')`),
    )
    /** Order of arrival in the instance, for the timeline and "the previous node". */
    .addColumn('seq', 'integer', (c) => c.notNull())
    /** When returned to: the node run that sent it back, to come straight back to when asked. */
    .addColumn('return_to', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await sql`create unique index flow_node_runs_seq on flow_node_runs (instance_id, seq)`.execute(db);
  // A node is active at most once at a time in an instance: a duplicated step cannot open it twice.
  await sql`create unique index flow_node_runs_active on flow_node_runs (instance_id, node_id) where status = 'active'`.execute(
    db,
  );

  await db.schema
    .createTable('flow_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('instance_id', 'text', (c) => c.notNull().references('flow_instances.id'))
    .addColumn('node_run_id', 'text', (c) => c.notNull().references('flow_node_runs.id'))
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('approval', 'fill', 'cc')`))
    .addColumn('assignee_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('waiting', 'pending', 'approved', 'rejected', 'returned', 'transferred', 'skipped', 'cancelled', 'read')`,
        ),
    )
    /** In a sequence, the turn; in other modes 0. */
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    /** Added by a signer (before, after, parallel), or transferred from a task. */
    .addColumn('origin', 'jsonb')
    .addColumn('due_at', 'timestamptz')
    .addColumn('comment', 'text')
    .addColumn('signature_file_id', 'text')
    .addColumn('acted_at', 'timestamptz')
    .addColumn('acted_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  // One open task per person on a node run: a duplicated step cannot hand it out twice.
  await sql`create unique index flow_tasks_open on flow_tasks (node_run_id, assignee_id) where status in ('waiting', 'pending')`.execute(
    db,
  );
  await sql`create index flow_tasks_inbox on flow_tasks (workspace_id, assignee_id, status, created_at desc)`.execute(
    db,
  );
  await sql`create index flow_tasks_instance on flow_tasks (instance_id)`.execute(db);

  await db.schema
    .createTable('flow_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('instance_id', 'text', (c) => c.notNull().references('flow_instances.id'))
    .addColumn('node_id', 'text')
    .addColumn('task_id', 'text')
    /** Null for the system (timers, automatic steps). */
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create index flow_events_instance on flow_events (instance_id, id)`.execute(db);

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text')
    .addColumn('task_id', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('read_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create index notifications_user on notifications (workspace_id, user_id, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'notifications',
    'flow_events',
    'flow_tasks',
    'flow_node_runs',
    'flow_instances',
    'workflow_versions',
    'workflows',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

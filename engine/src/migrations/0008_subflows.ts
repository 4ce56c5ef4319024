import { type Kysely, sql } from 'kysely';

/** Sub-flows: an instance started by a sub-flow node knows that node, so its end can wake the parent. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('flow_instances')
    .addColumn('parent_instance_id', 'text', (c) => c.references('flow_instances.id'))
    .addColumn('parent_node_run_id', 'text', (c) => c.references('flow_node_runs.id'))
    .execute();
  await sql`create index flow_instances_parent on flow_instances (parent_node_run_id) where parent_node_run_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists flow_instances_parent`.execute(db);
  await db.schema
    .alterTable('flow_instances')
    .dropColumn('parent_node_run_id')
    .dropColumn('parent_instance_id')
    .execute();
}

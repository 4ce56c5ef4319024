import { type Kysely, sql } from 'kysely';

/**
 * An action node whose automatic action failed for good stops as `failed` (instead of staying
 * `active` for ever): visible on the instance and the record page until an admin retries or skips
 * the action. The instance stays `running`, so the record stays in its approval meanwhile.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table flow_node_runs drop constraint flow_node_runs_status_check`.execute(db);
  await sql`alter table flow_node_runs add constraint flow_node_runs_status_check
    check (status in ('active', 'done', 'rejected', 'returned', 'skipped', 'cancelled', 'failed'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // A failed action goes back to waiting for its worker, as before this migration.
  await sql`update flow_node_runs set status = 'active' where status = 'failed'`.execute(db);
  await sql`alter table flow_node_runs drop constraint flow_node_runs_status_check`.execute(db);
  await sql`alter table flow_node_runs add constraint flow_node_runs_status_check
    check (status in ('active', 'done', 'rejected', 'returned', 'skipped', 'cancelled'))`.execute(db);
}

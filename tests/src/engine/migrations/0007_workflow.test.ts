import { migrateTo } from '@forecourt/engine';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, withDdlLock } from '../../support/db';

let database: TestDatabase;
let db: Kysely<unknown>;
beforeAll(async () => {
  database = await openTestDatabase({ migrate: false });
  db = database.db as Kysely<unknown>;
  await withDdlLock(() => migrateTo(db, '0006_access'));
  await sql`insert into workspaces (id, workspace_id, name) values ('ws_1', 'ws_1', 'W')`.execute(db);
  await sql`insert into users (id, workspace_id, email, name, password_hash) values ('usr_1', 'ws_1', 'a@b.test', 'A', 'x')`.execute(
    db,
  );
  await sql`insert into apps (id, workspace_id, name) values ('app_1', 'ws_1', '{"zh":"a","en":"a"}')`.execute(
    db,
  );
  await sql`insert into forms (id, workspace_id, app_id, draft) values ('frm_1', 'ws_1', 'app_1', '{}')`.execute(
    db,
  );
  await sql`insert into records (id, workspace_id, form_id, form_version, data, created_at, updated_at)
            values ('rec_1', 'ws_1', 'frm_1', 1, '{}', now(), now())`.execute(db);
});
afterAll(() => database?.close());

const TABLES = [
  'workflows',
  'workflow_versions',
  'flow_instances',
  'flow_node_runs',
  'flow_tasks',
  'flow_events',
  'notifications',
];

async function tables(): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.map((r) => r.table_name);
}

const instance = (id: string, status = 'running') =>
  sql`insert into flow_instances (id, workspace_id, workflow_id, version, form_id, record_id, status)
      values (${id}, 'ws_1', 'wfl_1', 1, 'frm_1', 'rec_1', ${status})`;

describe('0007_workflow and 0008_subflows', () => {
  it('create the workflow tables, each with a workspace_id', async () => {
    expect(await withDdlLock(() => migrateTo(db, '0007_workflow'))).toEqual(['0007_workflow']);
    expect(await tables()).toEqual(expect.arrayContaining(TABLES));
    for (const table of TABLES) {
      const { rows } = await sql<{ is_nullable: string }>`
        select is_nullable from information_schema.columns
        where table_schema = current_schema() and table_name = ${table} and column_name = 'workspace_id'`.execute(
        db,
      );
      expect(rows, table).toEqual([{ is_nullable: 'NO' }]);
    }
  });

  it('allow one running instance per record, one active run per node, one open task per person', async () => {
    await sql`insert into workflows (id, workspace_id, form_id, draft) values ('wfl_1', 'ws_1', 'frm_1', '{}')`.execute(
      db,
    );
    await instance('ins_1').execute(db);
    await expect(instance('ins_2').execute(db)).rejects.toThrow();
    await instance('ins_3', 'approved').execute(db);
    const run = (id: string, seq: number, status = 'active') =>
      sql`insert into flow_node_runs (id, workspace_id, instance_id, node_id, status, seq)
          values (${id}, 'ws_1', 'ins_1', 'review', ${status}, ${seq})`;
    await run('nrn_1', 1).execute(db);
    await expect(run('nrn_2', 2).execute(db)).rejects.toThrow();
    await expect(run('nrn_3', 1, 'done').execute(db)).rejects.toThrow();
    const task = (id: string, status = 'pending') =>
      sql`insert into flow_tasks (id, workspace_id, instance_id, node_run_id, node_id, kind, assignee_id, status)
          values (${id}, 'ws_1', 'ins_1', 'nrn_1', 'review', 'approval', 'usr_1', ${status})`;
    await task('tsk_1').execute(db);
    await expect(task('tsk_2').execute(db)).rejects.toThrow();
    await task('tsk_3', 'approved').execute(db);
    await expect(task('tsk_4', 'nonsense').execute(db)).rejects.toThrow();
  });

  it('then link sub-flow instances to their parent node run, and undo both cleanly', async () => {
    expect(await withDdlLock(() => migrateTo(db, '0008_subflows'))).toEqual(['0008_subflows']);
    await sql`update flow_instances set parent_instance_id = 'ins_1', parent_node_run_id = 'nrn_1' where id = 'ins_3'`.execute(
      db,
    );
    await expect(
      sql`update flow_instances set parent_node_run_id = 'nrn_missing' where id = 'ins_3'`.execute(db),
    ).rejects.toThrow();
    await withDdlLock(() => migrateTo(db, '0006_access'));
    expect(await tables()).not.toEqual(expect.arrayContaining(['workflows']));
    expect(await tables()).toContain('records');
    await withDdlLock(() => migrateTo(db, '0008_subflows'));
    expect(await tables()).toEqual(expect.arrayContaining(TABLES));
  });
});

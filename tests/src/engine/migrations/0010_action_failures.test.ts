import { migrateTo } from '@forecourt/engine';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, withDdlLock } from '../../support/db';

let database: TestDatabase;
let db: Kysely<unknown>;
beforeAll(async () => {
  database = await openTestDatabase({ migrate: false });
  db = database.db as Kysely<unknown>;
  await withDdlLock(() => migrateTo(db, '0009_comments'));
  await sql`insert into workspaces (id, workspace_id, name) values ('ws_1', 'ws_1', 'W')`.execute(db);
  await sql`insert into apps (id, workspace_id, name) values ('app_1', 'ws_1', '{"zh":"a","en":"a"}')`.execute(
    db,
  );
  await sql`insert into forms (id, workspace_id, app_id, draft) values ('frm_1', 'ws_1', 'app_1', '{}')`.execute(
    db,
  );
  await sql`insert into records (id, workspace_id, form_id, form_version, data, created_at, updated_at)
            values ('rec_1', 'ws_1', 'frm_1', 1, '{}', now(), now())`.execute(db);
  await sql`insert into workflows (id, workspace_id, form_id, draft) values ('wfl_1', 'ws_1', 'frm_1', '{}')`.execute(
    db,
  );
  await sql`insert into flow_instances (id, workspace_id, workflow_id, version, form_id, record_id, status)
            values ('ins_1', 'ws_1', 'wfl_1', 1, 'frm_1', 'rec_1', 'running')`.execute(db);
});
afterAll(() => database?.close());

const run = (id: string, status: string, seq: number) =>
  sql`insert into flow_node_runs (id, workspace_id, instance_id, node_id, status, seq)
      values (${id}, 'ws_1', 'ins_1', 'hook', ${status}, ${seq})`;

describe('0010_action_failures', () => {
  it('lets a node run be failed, and nothing unknown', async () => {
    await expect(run('nrn_0', 'failed', 1).execute(db)).rejects.toThrow();
    expect(await withDdlLock(() => migrateTo(db, '0010_action_failures'))).toEqual(['0010_action_failures']);
    await run('nrn_1', 'failed', 1).execute(db);
    await expect(run('nrn_2', 'broken', 2).execute(db)).rejects.toThrow();
  });

  it('undoes cleanly (a failed action waits again) and applies again', async () => {
    await withDdlLock(() => migrateTo(db, '0009_comments'));
    const { rows } = await sql<{
      status: string;
    }>`select status from flow_node_runs where id = 'nrn_1'`.execute(db);
    expect(rows).toEqual([{ status: 'active' }]);
    await withDdlLock(() => migrateTo(db, '0010_action_failures'));
    await run('nrn_3', 'failed', 3).execute(db);
  });
});

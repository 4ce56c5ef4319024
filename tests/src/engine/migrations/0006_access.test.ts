import { migrateTo } from '@forecourt/engine';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, withDdlLock } from '../../support/db';

let database: TestDatabase;
let db: Kysely<unknown>;
beforeAll(async () => {
  database = await openTestDatabase({ migrate: false });
  db = database.db as Kysely<unknown>;
  await withDdlLock(() => migrateTo(db, '0005_imports'));
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
  await sql`insert into api_tokens (id, workspace_id, user_id, name, token_hash, prefix)
            values ('tok_1', 'ws_1', 'usr_1', 'CRM', 'hash', 'fc_')`.execute(db);
});
afterAll(() => database?.close());

const NEW_TABLES = ['app_roles', 'permission_sets', 'public_links', 'audit_log'];

async function tables(): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.map((r) => r.table_name);
}

async function columns(table: string): Promise<[string, string][]> {
  const { rows } = await sql<{ column_name: string; is_nullable: string }>`
    select column_name, is_nullable from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db);
  return rows.map((c) => [c.column_name, c.is_nullable]);
}

async function column(table: string, name: string) {
  const { rows } = await sql<{ data_type: string; is_nullable: string }>`
    select data_type, is_nullable from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} and column_name = ${name}`.execute(db);
  return rows[0];
}

async function indexes(): Promise<Record<string, string>> {
  const { rows } = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes where schemaname = current_schema()`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef]));
}

const newSet = (id: string, formId = 'frm_1') =>
  sql`insert into permission_sets (id, workspace_id, form_id, name, actions, scope, assignees)
      values (${id}, 'ws_1', ${formId}, 'Own', '["view"]', '{"kind":"own"}', '{"users":[],"departments":[],"roles":[]}')`;

const newLink = (id: string, kind: string) =>
  sql`insert into public_links (id, workspace_id, form_id, kind, token, name)
      values (${id}, 'ws_1', 'frm_1', ${kind}, ${`tok-${id}`}, 'Campaign')`;

describe('0006_access', () => {
  it('creates app roles, permission sets, public links and the audit log, each with a workspace_id', async () => {
    for (const table of NEW_TABLES) expect(await tables()).not.toContain(table);
    expect(await withDdlLock(() => migrateTo(db, '0006_access'))).toEqual(['0006_access']);
    expect(await tables()).toEqual(expect.arrayContaining(NEW_TABLES));
    expect(await columns('app_roles')).toEqual([
      ['workspace_id', 'NO'],
      ['app_id', 'NO'],
      ['subject_type', 'NO'],
      ['subject_id', 'NO'],
      ['role', 'NO'],
    ]);
    expect(await columns('permission_sets')).toEqual([
      ['id', 'NO'],
      ['workspace_id', 'NO'],
      ['form_id', 'NO'],
      ['name', 'NO'],
      ['preset', 'YES'],
      ['actions', 'NO'],
      ['read_fields', 'YES'],
      ['write_fields', 'YES'],
      ['scope', 'NO'],
      ['assignees', 'NO'],
      ['created_at', 'NO'],
      ['updated_at', 'NO'],
    ]);
    expect(await columns('public_links')).toEqual([
      ['id', 'NO'],
      ['workspace_id', 'NO'],
      ['form_id', 'NO'],
      ['kind', 'NO'],
      ['token', 'NO'],
      ['name', 'NO'],
      ['password_hash', 'YES'],
      ['expires_at', 'YES'],
      ['disabled_at', 'YES'],
      ['channel', 'YES'],
      ['rate_limit', 'NO'],
      ['query_fields', 'NO'],
      ['result_fields', 'NO'],
      ['created_by', 'YES'],
      ['created_at', 'NO'],
      ['updated_at', 'NO'],
    ]);
    expect(await columns('audit_log')).toEqual([
      ['id', 'NO'],
      ['workspace_id', 'NO'],
      ['at', 'NO'],
      ['actor_id', 'YES'],
      ['via', 'NO'],
      ['token_id', 'YES'],
      ['action', 'NO'],
      ['target_type', 'YES'],
      ['target_id', 'YES'],
      ['details', 'NO'],
      ['ip', 'YES'],
    ]);
  });

  it('adds nullable token scopes and record channel, leaving existing rows null', async () => {
    expect(await column('api_tokens', 'scopes')).toEqual({ data_type: 'jsonb', is_nullable: 'YES' });
    expect(await column('records', 'channel')).toEqual({ data_type: 'text', is_nullable: 'YES' });
    const { rows } = await sql<{ scopes: unknown }>`select scopes from api_tokens where id = 'tok_1'`.execute(
      db,
    );
    expect(rows).toEqual([{ scopes: null }]);
    await sql`update api_tokens set scopes = '[{"appId":"app_1","access":"read"}]' where id = 'tok_1'`.execute(
      db,
    );
    await sql`insert into records (id, workspace_id, form_id, form_version, data, channel)
              values ('rec_1', 'ws_1', 'frm_1', 1, '{}', 'spring-campaign')`.execute(db);
    await sql`insert into records (id, workspace_id, form_id, form_version, data)
              values ('rec_2', 'ws_1', 'frm_1', 1, '{}')`.execute(db);
    const { rows: records } = await sql<{ id: string; channel: string | null }>`
      select id, channel from records order by id`.execute(db);
    expect(records).toEqual([
      { id: 'rec_1', channel: 'spring-campaign' },
      { id: 'rec_2', channel: null },
    ]);
  });

  it('indexes the own and department row scopes for the newest-first list of live records', async () => {
    const all = await indexes();
    expect(all.records_form_owner).toMatch(
      /ON .*records .*\(form_id, owner_id, created_at DESC, id DESC\) WHERE \(deleted_at IS NULL\)/,
    );
    expect(all.records_form_dept).toMatch(
      /ON .*records .*\(form_id, dept_id, created_at DESC, id DESC\) WHERE \(deleted_at IS NULL\)/,
    );
    expect(all.permission_sets_form).toMatch(/\(workspace_id, form_id\)/);
    expect(all.public_links_form).toMatch(/\(workspace_id, form_id\)/);
    expect(all.audit_log_recent).toMatch(/\(workspace_id, id\)/);
  });

  it('accepts only the known app-role subjects and roles, one role per subject and app', async () => {
    for (const [type, id] of [
      ['user', 'usr_1'],
      ['department', 'dep_1'],
      ['role', 'rol_1'],
    ]) {
      await sql`insert into app_roles (workspace_id, app_id, subject_type, subject_id, role)
                values ('ws_1', 'app_1', ${type}, ${id}, 'member')`.execute(db);
    }
    await sql`update app_roles set role = 'admin' where subject_id = 'usr_1'`.execute(db);
    await expect(
      sql`insert into app_roles (workspace_id, app_id, subject_type, subject_id, role)
          values ('ws_1', 'app_1', 'team', 'x', 'member')`.execute(db),
    ).rejects.toThrow(/check/i);
    await expect(
      sql`update app_roles set role = 'owner' where subject_id = 'usr_1'`.execute(db),
    ).rejects.toThrow(/check/i);
    await expect(
      sql`insert into app_roles (workspace_id, app_id, subject_type, subject_id, role)
          values ('ws_1', 'app_1', 'user', 'usr_1', 'member')`.execute(db),
    ).rejects.toThrow(/unique|duplicate/i);
    await expect(
      sql`insert into app_roles (workspace_id, app_id, subject_type, subject_id, role)
          values (null, 'app_1', 'user', 'usr_2', 'member')`.execute(db),
    ).rejects.toThrow(/null/i);
    await expect(
      sql`insert into app_roles (workspace_id, app_id, subject_type, subject_id, role)
          values ('ws_1', 'app_nope', 'user', 'usr_2', 'member')`.execute(db),
    ).rejects.toThrow(/foreign key/i);
  });

  it('stores permission sets with defaulted timestamps, for an existing form', async () => {
    await newSet('pms_1').execute(db);
    const { rows } = await sql<Record<string, unknown>>`
      select preset, read_fields, write_fields, scope, created_at is not null as stamped
      from permission_sets where id = 'pms_1'`.execute(db);
    expect(rows).toEqual([
      { preset: null, read_fields: null, write_fields: null, scope: { kind: 'own' }, stamped: true },
    ]);
    await expect(newSet('pms_2', 'frm_nope').execute(db)).rejects.toThrow(/foreign key/i);
    await expect(
      sql`insert into permission_sets (id, workspace_id, form_id, name, actions, scope, assignees)
          values ('pms_3', null, 'frm_1', 'X', '[]', '{}', '{}')`.execute(db),
    ).rejects.toThrow(/null/i);
  });

  it('stores public links of the two kinds only, each token once, with defaults', async () => {
    await newLink('pub_1', 'fill').execute(db);
    await newLink('pub_2', 'query').execute(db);
    await expect(newLink('pub_3', 'edit').execute(db)).rejects.toThrow(/check/i);
    await expect(
      sql`insert into public_links (id, workspace_id, form_id, kind, token, name)
          values ('pub_4', 'ws_1', 'frm_1', 'fill', 'tok-pub_1', 'Again')`.execute(db),
    ).rejects.toThrow(/unique|duplicate/i);
    const { rows } = await sql<Record<string, unknown>>`
      select rate_limit, query_fields, result_fields, password_hash, expires_at, disabled_at
      from public_links where id = 'pub_1'`.execute(db);
    expect(rows).toEqual([
      {
        rate_limit: 30,
        query_fields: [],
        result_fields: [],
        password_hash: null,
        expires_at: null,
        disabled_at: null,
      },
    ]);
  });

  it('numbers audit events in order, with empty details by default', async () => {
    await sql`insert into audit_log (workspace_id, actor_id, via, action) values ('ws_1', 'usr_1', 'session', 'login')`.execute(
      db,
    );
    await sql`insert into audit_log (workspace_id, via, action, details) values ('ws_1', 'token', 'export', '{"rows":3}')`.execute(
      db,
    );
    const { rows } = await sql<{ id: string; action: string; details: unknown; stamped: boolean }>`
      select id::text as id, action, details, at is not null as stamped from audit_log order by id`.execute(
      db,
    );
    expect(rows.map((r) => [r.action, r.details, r.stamped])).toEqual([
      ['login', {}, true],
      ['export', { rows: 3 }, true],
    ]);
    expect(Number(rows[1]!.id)).toBeGreaterThan(Number(rows[0]!.id));
    await expect(
      sql`insert into audit_log (workspace_id, action) values ('ws_1', 'login')`.execute(db),
    ).rejects.toThrow(/null/i);
  });

  it('rolls back cleanly and applies again', async () => {
    await withDdlLock(() => migrateTo(db, '0005_imports'));
    for (const table of NEW_TABLES) expect(await tables()).not.toContain(table);
    expect(await tables()).toContain('imports');
    expect(await column('api_tokens', 'scopes')).toBeUndefined();
    expect(await column('records', 'channel')).toBeUndefined();
    const all = await indexes();
    expect(all.records_form_owner).toBeUndefined();
    expect(all.records_form_dept).toBeUndefined();
    const { rows } = await sql<{ id: string }>`select id from records order by id`.execute(db);
    expect(rows).toEqual([{ id: 'rec_1' }, { id: 'rec_2' }]);

    expect(await withDdlLock(() => migrateTo(db, '0006_access'))).toEqual(['0006_access']);
    expect(await tables()).toEqual(expect.arrayContaining(NEW_TABLES));
    expect(await column('records', 'channel')).toEqual({ data_type: 'text', is_nullable: 'YES' });
    expect(Object.keys(await indexes())).toEqual(
      expect.arrayContaining(['records_form_owner', 'records_form_dept']),
    );
  });
});

import { migrateTo } from '@forecourt/engine';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, withDdlLock } from '../../support/db';

let database: TestDatabase;
let db: Kysely<unknown>;

const f = (id: string, type: string, extra: Record<string, unknown> = {}) => ({
  id,
  type,
  label: { zh: id, en: id },
  ...extra,
});
/** Published version 2 (the one its links show); version 1 had a field since removed. */
const v1 = { id: 'frm_1', app: 'app_1', title: { zh: 'a', en: 'a' }, fields: [f('f_gone', 'text')] };
const v2 = {
  ...v1,
  fields: [
    f('f_name', 'text'),
    f('f_total', 'formula', { expression: '1', resultType: 'number' }),
    f('f_advisor', 'member'),
    f('f_car', 'relation', { form: 'frm_2' }),
    f('f_photo', 'image'),
    f('f_lines', 'subform', { fields: [f('f_part', 'text'), f('f_who', 'member')] }),
    f('f_note', 'text', { hidden: true }),
    f('f_created', 'created_at'),
    f('f_line', 'divider'),
  ],
};

beforeAll(async () => {
  database = await openTestDatabase({ migrate: false });
  db = database.db as Kysely<unknown>;
  await withDdlLock(() => migrateTo(db, '0012_jobs_claim_index'));
  await sql`insert into workspaces (id, workspace_id, name) values ('ws_1', 'ws_1', 'W')`.execute(db);
  await sql`insert into apps (id, workspace_id, name) values ('app_1', 'ws_1', '{"zh":"a","en":"a"}')`.execute(
    db,
  );
  await sql`insert into forms (id, workspace_id, app_id, draft, published_version)
            values ('frm_1', 'ws_1', 'app_1', '{}', 2), ('frm_2', 'ws_1', 'app_1', '{}', null)`.execute(db);
  await sql`insert into form_versions (workspace_id, form_id, version, definition)
            values ('ws_1', 'frm_1', 1, ${JSON.stringify(v1)}::jsonb), ('ws_1', 'frm_1', 2, ${JSON.stringify(v2)}::jsonb)`.execute(
    db,
  );
  const link = (id: string, form: string, kind: string) =>
    sql`insert into public_links (id, workspace_id, form_id, kind, token, name, query_fields, result_fields)
        values (${id}, 'ws_1', ${form}, ${kind}, ${`tok_${id}`}, ${id},
                ${kind === 'query' ? '["f_name"]' : '[]'}::jsonb, ${kind === 'query' ? '["f_name"]' : '[]'}::jsonb)`;
  await link('lnk_fill', 'frm_1', 'fill').execute(db);
  await link('lnk_query', 'frm_1', 'query').execute(db);
  await link('lnk_draft', 'frm_2', 'fill').execute(db);
});
afterAll(() => database?.close());

async function fillFields(): Promise<Record<string, unknown>> {
  const { rows } = await sql<{ id: string; fill_fields: unknown }>`
    select id, fill_fields from public_links order by id`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.id, r.fill_fields]));
}

describe('0013_public_link_fill_fields', () => {
  it("lists for each fill link the fields its page showed: the published form's public live fields", async () => {
    expect(await withDdlLock(() => migrateTo(db, '0013_public_link_fill_fields'))).toEqual([
      '0013_public_link_fill_fields',
    ]);
    expect(await fillFields()).toEqual({
      lnk_draft: [],
      lnk_fill: ['f_name', 'f_total', 'f_lines', 'f_line'],
      lnk_query: [],
    });
    await sql`insert into public_links (id, workspace_id, form_id, kind, token, name)
              values ('lnk_new', 'ws_1', 'frm_1', 'fill', 'tok_new', 'New')`.execute(db);
    expect((await fillFields()).lnk_new).toEqual([]);
  });

  it('undoes cleanly and applies again', async () => {
    await withDdlLock(() => migrateTo(db, '0012_jobs_claim_index'));
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.columns
      where table_schema = current_schema() and table_name = 'public_links' and column_name = 'fill_fields'`.execute(
      db,
    );
    expect(rows[0]!.n).toBe(0);
    await withDdlLock(() => migrateTo(db, '0013_public_link_fill_fields'));
    expect((await fillFields()).lnk_fill).toEqual(['f_name', 'f_total', 'f_lines', 'f_line']);
  });
});

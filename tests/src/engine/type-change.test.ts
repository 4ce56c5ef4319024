import { type Actor, newId, publishForm, saveDraft } from '@forecourt/engine';
import type { FormDefinition } from '@forecourt/schemas';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/db';
import { field, form } from '../support/dealership/fields';
import { installForEngine, workspaceAdmin } from '../support/forms';

let database: TestDatabase;
let actor: Actor;
const COUNT = 10_000;

const odometers = form('frm_odometer', 'app_service', '里程登记', 'Odometer log', [
  field('f_plate', 'text', '车牌', 'Plate'),
  field('f_km', 'text', '里程', 'Kilometres'),
]);

/** Every 1000th value is not a number; the rest are, some with thousands separators and spaces. */
function kmText(i: number): string {
  if (i % 1000 === 7) return `about ${i} km`;
  return i % 3 === 0 ? ` ${i} ` : String(i * 10);
}

beforeAll(async () => {
  database = await openTestDatabase();
  actor = await workspaceAdmin(database);
  await installForEngine(database, actor, [odometers]);
  // Seeded in bulk, as the benchmarks do: the subject here is the conversion, not the write path.
  const ids = Array.from({ length: COUNT }, () => newId('rec'));
  const data = ids.map((_, i) =>
    JSON.stringify({ f_plate: `浙A${String(i).padStart(5, '0')}`, f_km: kmText(i) }),
  );
  await sql`
    insert into records (id, workspace_id, form_id, form_version, data)
    select unnest(${ids}::text[]), ${actor.workspaceId}, 'frm_odometer', 1, unnest(${data}::text[])::jsonb`.execute(
    database.db,
  );
}, 120_000);
afterAll(() => database?.close());

describe('changing a field type text → number on 10k records', () => {
  it('dry run reports what would not convert and changes nothing', async () => {
    await database.db.transaction().execute(async (trx) => {
      const draft = (
        await trx
          .selectFrom('forms')
          .select('draft')
          .where('id', '=', 'frm_odometer')
          .executeTakeFirstOrThrow()
      ).draft as FormDefinition;
      const changed = {
        ...draft,
        fields: draft.fields.map((f) =>
          f.id === 'f_km' ? { ...f, type: 'number' as const, precision: 0 } : f,
        ),
      };
      await saveDraft(trx, actor, 'frm_odometer', changed);
    });
    const preview = await database.db
      .transaction()
      .execute((trx) => publishForm(trx, actor, 'frm_odometer', true));
    expect(preview.typeChanges[0]).toMatchObject({
      fieldId: 'f_km',
      from: 'text',
      to: 'number',
      converted: COUNT - 10,
    });
    expect(preview.typeChanges[0]!.failed).toHaveLength(10);
    const sample = await database.db
      .selectFrom('records')
      .select('data')
      .where(sql<boolean>`data->>'f_km' = ' 3 '`)
      .executeTakeFirstOrThrow();
    expect(sample.data.f_km).toBe(' 3 ');
  });

  it('publishing converts what converts, keeps the rest, and loses nothing', async () => {
    const summary = await database.db.transaction().execute((trx) => publishForm(trx, actor, 'frm_odometer'));
    expect(summary.version).toBe(2);
    const change = summary.typeChanges[0]!;
    expect(change.converted).toBe(COUNT - 10);
    expect(change.failed.map((f) => f.value).sort()).toEqual(
      Array.from({ length: 10 }, (_, k) => `about ${k * 1000 + 7} km`).sort(),
    );
    const rows = await database.db
      .selectFrom('records')
      .select(['data', 'unconverted', 'rev'])
      .where('form_id', '=', 'frm_odometer')
      .execute();
    expect(rows).toHaveLength(COUNT);
    const numbers = rows.filter((r) => typeof r.data.f_km === 'number');
    expect(numbers).toHaveLength(COUNT - 10);
    const kept = rows.filter((r) => r.unconverted);
    expect(kept).toHaveLength(10);
    for (const row of kept) {
      expect(row.data.f_km).toBeNull();
      expect(row.unconverted!.f_km).toEqual({ type: 'text', value: expect.stringMatching(/^about \d+ km$/) });
    }
    expect(rows.every((r) => typeof r.data.f_plate === 'string')).toBe(true);
    const three = rows.find((r) => r.data.f_plate === '浙A00003');
    expect(three?.data.f_km).toBe(3);
    const history = await database.db
      .selectFrom('record_history')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'convert')
      .executeTakeFirstOrThrow();
    expect(Number(history.n)).toBe(COUNT);
  }, 120_000);
});

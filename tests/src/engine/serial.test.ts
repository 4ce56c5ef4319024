import { type Actor, createRecord, writeContext } from '@forecourt/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../support/days';
import { openTestDatabase, type TestDatabase } from '../support/db';
import { field, form } from '../support/dealership/fields';
import { installForEngine, workspaceAdmin } from '../support/forms';

let database: TestDatabase;
let actor: Actor;

const ticket = form('frm_ticket', 'app_service', '工单', 'Ticket', [
  field('f_no', 'serial', '编号', 'No.', { pattern: 'T-{yyyy}-{seq:5}', resetEvery: 'year' }),
  field('f_note', 'text', '备注', 'Note'),
]);

beforeAll(async () => {
  database = await openTestDatabase();
  actor = await workspaceAdmin(database);
  await installForEngine(database, actor, [ticket]);
});
afterAll(() => database?.close());

describe('serial numbers', () => {
  it('200 concurrent creates get 200 distinct, consecutive numbers', async () => {
    const created = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        createRecord(database.db, writeContext(actor), 'frm_ticket', { f_note: `#${i}` }),
      ),
    );
    const numbers = created.map((r) => String(r.data.f_no)).sort();
    expect(new Set(numbers).size).toBe(200);
    // The year as the workspace counts it (Asia/Shanghai): on 31 December after 16:00 UTC it is the next.
    const year = shanghaiDay().slice(0, 4);
    expect(numbers).toEqual(
      Array.from({ length: 200 }, (_, i) => `T-${year}-${String(i + 1).padStart(5, '0')}`),
    );
  });

  it('a create that fails gives its number back: no gaps', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await createRecord(trx, writeContext(actor), 'frm_ticket', { f_note: 'rolled back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const next = await createRecord(database.db, writeContext(actor), 'frm_ticket', { f_note: 'after' });
    expect(String(next.data.f_no)).toMatch(/-00201$/);
  });
});

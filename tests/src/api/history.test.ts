import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import { field, form } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';

let t: TestApp;
let me: { id: string; name: string };

/** A service follow-up call: scores change over time, a note field is later deleted, mileage becomes a number. */
const followUp = form('frm_follow_up', 'app_service', '回访', 'Follow-up call', [
  field('f_customer', 'text', '客户', 'Customer'),
  field('f_mileage', 'text', '里程', 'Mileage'),
  field('f_note', 'textarea', '备注', 'Note'),
  field('f_score', 'number', '满意度', 'Satisfaction'),
]);

interface Change {
  fieldId: string;
  label: { zh: string; en: string };
  type: string | null;
  hidden: boolean;
  before: unknown;
  after: unknown;
  typeChange?: { from: string; to: string };
}
interface Entry {
  rev: number;
  action: string;
  via: string;
  at: string;
  actor: { id: string; name: string } | null;
  changes: Change[];
}

async function history(recordId: string): Promise<Entry[]> {
  const response = await t.admin.get(`/api/forms/frm_follow_up/records/${recordId}/history`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.entries;
}

const change = (entry: Entry | undefined, fieldId: string) =>
  entry?.changes.find((c) => c.fieldId === fieldId);

let recordId: string;

beforeAll(async () => {
  t = await testApp();
  me = (await t.admin.get('/api/me')).body.user;
  await installForms(t.admin, [followUp]);
  const record = await create(t.admin, 'frm_follow_up', {
    f_customer: '陈先生',
    f_mileage: '12000',
    f_note: '首保后回访',
    f_score: 1,
  });
  recordId = record.id;
  let rev = record.rev;
  for (let score = 2; score <= 6; score++) {
    const data: Record<string, unknown> = { f_score: score };
    if (score === 4) data.f_note = '客户要求周末联系';
    const updated = await t.admin.patch(`/api/forms/frm_follow_up/records/${recordId}`, { rev, data });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    rev = updated.body.rev;
  }
});
afterAll(() => t?.close());

describe('record history', () => {
  it('shows the create and then one entry per edit, each with its field-level diff', async () => {
    const entries = await history(recordId);
    expect(entries.map((e) => [e.action, e.rev])).toEqual([
      ['create', 1],
      ['update', 2],
      ['update', 3],
      ['update', 4],
      ['update', 5],
      ['update', 6],
    ]);
    expect(entries[0]!.changes.map((c) => [c.fieldId, c.before, c.after])).toEqual(
      expect.arrayContaining([
        ['f_customer', null, '陈先生'],
        ['f_mileage', null, '12000'],
        ['f_score', null, 1],
      ]),
    );
    entries.slice(1).forEach((entry, i) => {
      expect(change(entry, 'f_score')).toMatchObject({
        label: { zh: '满意度', en: 'Satisfaction' },
        type: 'number',
        hidden: false,
        before: i + 1,
        after: i + 2,
      });
    });
    // Only what changed: the third edit touched the note as well, the others only the score.
    expect(entries[3]!.changes.map((c) => c.fieldId).sort()).toEqual(['f_note', 'f_score']);
    expect(change(entries[3], 'f_note')).toMatchObject({ before: '首保后回访', after: '客户要求周末联系' });
    expect(entries[2]!.changes.map((c) => c.fieldId)).toEqual(['f_score']);
    for (const entry of entries) {
      expect(entry.actor).toEqual({ id: me.id, name: me.name });
      expect(entry.via).toBe('api');
      expect(Date.parse(entry.at)).not.toBeNaN();
    }
  });

  it('reads with the new label after a rename, flags a deleted field, and shows a type change', async () => {
    const draft = (await t.admin.get('/api/forms/frm_follow_up')).body.form.draft;
    draft.fields = draft.fields
      .filter((f: { id: string }) => f.id !== 'f_note')
      .map((f: { id: string }) => {
        if (f.id === 'f_score') return { ...f, label: { zh: '客户满意度', en: 'Customer satisfaction' } };
        if (f.id === 'f_mileage') return { ...f, type: 'number', precision: 0 };
        return f;
      });
    expect((await t.admin.put('/api/forms/frm_follow_up', draft)).status).toBe(200);
    const published = await t.admin.post('/api/forms/frm_follow_up/publish');
    expect(published.body).toMatchObject({
      hidden: ['f_note'],
      typeChanges: [{ fieldId: 'f_mileage', from: 'text', to: 'number', converted: 1 }],
    });

    const entries = await history(recordId);
    expect(entries.map((e) => e.action)).toEqual([
      'create',
      'update',
      'update',
      'update',
      'update',
      'update',
      'convert',
    ]);
    expect(change(entries[5], 'f_score')).toMatchObject({
      label: { zh: '客户满意度', en: 'Customer satisfaction' },
      hidden: false,
      before: 5,
      after: 6,
    });
    expect(change(entries[3], 'f_note')).toMatchObject({
      label: { zh: '备注', en: 'Note' },
      type: 'textarea',
      hidden: true,
      after: '客户要求周末联系',
    });
    const convert = entries[6]!;
    expect(convert.rev).toBe(7);
    expect(convert.via).toBe('system');
    expect(convert.changes).toEqual([
      {
        fieldId: 'f_mileage',
        label: { zh: '里程', en: 'Mileage' },
        type: 'number',
        hidden: false,
        before: '12000',
        after: 12000,
        typeChange: { from: 'text', to: 'number' },
      },
    ]);
  });

  it('keeps the converted value as the before of the next edit', async () => {
    const record = (await t.admin.get(`/api/forms/frm_follow_up/records/${recordId}`)).body;
    const updated = await t.admin.patch(`/api/forms/frm_follow_up/records/${recordId}`, {
      rev: record.rev,
      data: { f_mileage: 12500 },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    const entries = await history(recordId);
    expect(entries).toHaveLength(8);
    expect(change(entries[6], 'f_mileage')).toMatchObject({ before: '12000', after: 12000 });
    expect(change(entries[7], 'f_mileage')).toMatchObject({ before: 12000, after: 12500, type: 'number' });
  });

  it('answers 404 for a record or form that does not exist', async () => {
    expectError(await t.admin.get('/api/forms/frm_follow_up/records/rec_nope/history'), 404, 'not_found');
    expectError(await t.admin.get(`/api/forms/frm_nope/records/${recordId}/history`), 404, 'not_found');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, newUser } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import type { Client } from '../support/client';
import { field, form } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';

/*
 * Issue 15 item 8: a computed field shows what it reads. `f_calc = f_score * 2` would show a score a
 * permission set hides, so it is masked for whoever cannot read every field it reads, through a
 * chain of formulas, in reads, lists, filters, sorts and exports alike.
 */
const APPRAISAL = form('frm_appraisal', 'app_trade', '评估', 'Appraisal', [
  field('f_name', 'text', '车型', 'Model'),
  field('f_score', 'number', '内部评分', 'Internal score'),
  field('f_calc', 'formula', '加倍', 'Doubled', { expression: 'f_score * 2', resultType: 'number' }),
  field('f_next', 'formula', '加一', 'Plus one', { expression: 'f_calc + 1', resultType: 'number' }),
  field('f_label', 'formula', '标签', 'Label', { expression: '"车:" & f_name', resultType: 'text' }),
]);
// Formulas that read the score without naming it: through the record itself.
const INDIRECT = form('frm_indirect', 'app_trade', '间接', 'Indirect', [
  field('f_name', 'text', '车型', 'Model'),
  field('f_score', 'number', '内部评分', 'Internal score'),
  field('f_lk', 'formula', '查找', 'Looked up', {
    expression: '$lookup($, "f_score") * 2',
    resultType: 'number',
  }),
  field('f_str', 'formula', '全文', 'Whole', { expression: '$string($)', resultType: 'text' }),
]);

let t: TestApp;
let viewer: Client;
let insider: Client;
let recordId: string;

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [APPRAISAL, INDIRECT]);
  recordId = (await create(t.admin, 'frm_appraisal', { f_name: '凯美瑞', f_score: 10 })).id;
  await create(t.admin, 'frm_appraisal', { f_name: '雅阁', f_score: 3 });
  const v = await newUser(t, 'viewer@dealer.test', '看客');
  const i = await newUser(t, 'insider@dealer.test', '内部');
  viewer = v.client;
  insider = i.client;
  // The viewer's set ticks every field but the score; the insider's shows everything.
  await grant(t.admin, 'frm_appraisal', {
    preset: 'viewAll',
    readFields: ['f_name', 'f_calc', 'f_next', 'f_label'],
    users: [v.id],
  });
  await grant(t.admin, 'frm_appraisal', { preset: 'viewAll', users: [i.id] });
  await grant(t.admin, 'frm_indirect', {
    preset: 'viewAll',
    readFields: ['f_name', 'f_lk', 'f_str'],
    users: [v.id],
  });
  await grant(t.admin, 'frm_indirect', { preset: 'viewAll', users: [i.id] });
});
afterAll(() => t?.close());

describe('a computed field over a hidden field', () => {
  it('is masked in a read, a list and the form the user sees', async () => {
    const record = await viewer.get(`/api/forms/frm_appraisal/records/${recordId}`);
    expect(record.status, JSON.stringify(record.body)).toBe(200);
    expect(record.body.data).toEqual({ f_name: '凯美瑞', f_label: '车:凯美瑞' });
    const list = await viewer.get('/api/forms/frm_appraisal/records');
    for (const item of list.body.records)
      expect(Object.keys(item.data).sort()).toEqual(['f_label', 'f_name']);
    const seen = (await insider.get(`/api/forms/frm_appraisal/records/${recordId}`)).body.data;
    expect(seen).toMatchObject({ f_score: 10, f_calc: 20, f_next: 21 });
  });

  it('cannot be filtered or sorted on, nor exported', async () => {
    for (const fieldId of ['f_calc', 'f_next']) {
      const filtered = await viewer.post('/api/forms/frm_appraisal/records/query', {
        filter: { field: fieldId, op: 'eq', value: 20 },
      });
      expect(filtered.status, JSON.stringify(filtered.body)).toBe(422);
      const sorted = await viewer.post('/api/forms/frm_appraisal/records/query', {
        sort: [{ field: fieldId, dir: 'desc' }],
      });
      expect(sorted.status, JSON.stringify(sorted.body)).toBe(422);
    }
    const exported = await viewer.post('/api/forms/frm_appraisal/export', { format: 'csv' });
    expect(exported.status).toBe(200);
    const header = exported.raw.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
    expect(header).not.toMatch(/加倍|Doubled|加一|Plus one|内部评分/);
    expect(header).toMatch(/车型|Model/);
    const mine = await insider.post('/api/forms/frm_appraisal/records/query', {
      filter: { field: 'f_calc', op: 'eq', value: 20 },
    });
    expect(mine.body.records.map((r: { id: string }) => r.id)).toEqual([recordId]);
  });
});

describe('a formula that reads the record itself', () => {
  it('is masked for whoever cannot read every field', async () => {
    const id = (await create(t.admin, 'frm_indirect', { f_name: '凯美瑞', f_score: 10 })).id;
    const record = await viewer.get(`/api/forms/frm_indirect/records/${id}`);
    expect(record.status, JSON.stringify(record.body)).toBe(200);
    expect(record.body.data).toEqual({ f_name: '凯美瑞' });
    const seen = (await insider.get(`/api/forms/frm_indirect/records/${id}`)).body.data;
    expect(seen).toMatchObject({ f_score: 10, f_lk: 20 });
    expect(seen.f_str).toContain('10');
  });
});

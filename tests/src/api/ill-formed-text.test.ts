import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError, type Response } from '../support/client';
import { field, form } from '../support/dealership/fields';
import { create, installForms } from '../support/dealership/install';

/*
 * Issue 15 items 6 and 10: a lone UTF-16 surrogate ("\ud800", half of a pair: not a character) or a
 * NUL character anywhere in a request is refused at the edge with 400 naming where it is, on every
 * route, instead of a 500 from the database or a 422 blamed on the wrong path.
 */

const CARS = form('frm_cars', 'app_cars', '车辆', 'Cars', [
  field('f_name', 'text', '名称', 'Name'),
  field('f_lines', 'subform', '明细', 'Lines', { fields: [field('f_desc', 'text', '项目', 'Item')] }),
]);

let t: TestApp;
let record: { id: string; rev: number };
let token: string;

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [CARS]);
  record = await create(t.admin, 'frm_cars', { f_name: '一号' });
  const link = await t.admin.post('/api/forms/frm_cars/public-links', { kind: 'fill', name: '预约' });
  expect(link.status, JSON.stringify(link.body)).toBe(201);
  token = link.body.token;
});
afterAll(() => t?.close());

const LONE = '\ud800';

/** A 400 whose details name exactly these paths, and nothing stored. */
function refusedAt(response: Response, paths: string[]) {
  const error = expectError(response, 400, 'bad_request');
  expect(error.details.map((d) => d.path)).toEqual(paths);
  expect(JSON.stringify(response.body)).not.toMatch(/\n\s+at /);
  return error;
}

describe('a lone surrogate', () => {
  it('is refused with 400 at its path on every route that stores text', async () => {
    const definition = { ...CARS, title: { zh: `车${LONE}`, en: 'Cars' } };
    const cases: [string, () => Promise<Response>, string[]][] = [
      [
        'record create',
        () => t.admin.post('/api/forms/frm_cars/records', { data: { f_name: LONE } }),
        ['/data/f_name'],
      ],
      [
        'record in a table row',
        () => t.admin.post('/api/forms/frm_cars/records', { data: { f_lines: [{ f_desc: `a${LONE}` }] } }),
        ['/data/f_lines/0/f_desc'],
      ],
      [
        'batch',
        () =>
          t.admin.post('/api/forms/frm_cars/records/batch', {
            records: [{ f_name: 'ok' }, { f_name: LONE }],
          }),
        ['/records/1/f_name'],
      ],
      [
        'PATCH',
        () =>
          t.admin.patch(`/api/forms/frm_cars/records/${record.id}`, {
            rev: record.rev,
            data: { f_name: LONE },
          }),
        ['/data/f_name'],
      ],
      [
        'anonymous public fill',
        () => t.anonymous().post(`/api/public/${token}/records`, { data: { f_name: LONE } }),
        ['/data/f_name'],
      ],
      ['apps', () => t.admin.post('/api/apps', { name: { zh: LONE, en: 'x' } }), ['/name/zh']],
      ['form PUT', () => t.admin.put('/api/forms/frm_cars', definition), ['/title/zh']],
      ['departments', () => t.admin.post('/api/departments', { name: LONE, kind: 'department' }), ['/name']],
      ['roles', () => t.admin.post('/api/roles', { code: 'Sales', name: `\udc00${LONE}` }), ['/name']],
      [
        'views',
        () =>
          t.admin.post('/api/forms/frm_cars/views', {
            name: { zh: '视图', en: 'View' },
            query: { filter: { field: 'f_name', op: 'eq', value: LONE } },
          }),
        ['/query/filter/value'],
      ],
      [
        'a property name',
        () => t.admin.post('/api/forms/frm_cars/records', { data: { [`f_${LONE}`]: 1 } }),
        ['/data/f_\ufffd'],
      ],
    ];
    for (const [what, send, paths] of cases) {
      const error = refusedAt(await send(), paths);
      expect(error.details[0]?.message, what).toMatch(/surrogate/);
    }
    const stored = await t.database.db
      .selectFrom('records')
      .select('data')
      .where('form_id', '=', 'frm_cars')
      .execute();
    expect(stored).toHaveLength(1);
    expect((await t.admin.get(`/api/forms/frm_cars/records/${record.id}`)).body.data).toEqual({
      f_name: '一号',
    });
  });

  it('is refused in query strings, JSON sent in a query string, and path parameters', async () => {
    refusedAt(
      await t.admin.get(
        `/api/forms/frm_cars/records?query=${encodeURIComponent('{"filter":{"field":"f_name","op":"eq","value":"\\ud800"}}')}`,
      ),
      ['querystring:/query/filter/value'],
    );
    // A broken UTF-8 sequence cannot carry a surrogate: it is refused or read as U+FFFD, never a 500.
    for (const url of [
      '/api/directory/users?q=%ED%A0%80',
      '/api/forms/%ED%A0%80',
      '/api/audit?action=%ED%A0%80',
    ]) {
      const response = await t.admin.get(url);
      expect(response.status, url).toBeLessThan(500);
      expect(response.raw.body, url).not.toContain('\ud800');
    }
  });
});

describe('a NUL character', () => {
  it('in a filter value is refused at that value, not at /cursor', async () => {
    const response = await t.admin.post('/api/forms/frm_cars/records/query', {
      filter: { and: [{ field: 'f_name', op: 'eq', value: 'a\u0000b' }] },
    });
    const error = refusedAt(response, ['/filter/and/0/value']);
    expect(error.message).toContain('NUL');
    refusedAt(await t.admin.get('/api/directory/users?q=a%00b'), ['querystring:/q']);
    refusedAt(await t.admin.get('/api/forms/a%00b'), ['params:/formId']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowedSentinels,
  buildMatrix,
  definitionOf,
  FORMS,
  type FormKey,
  fieldsOn,
  LEAD,
  type Matrix,
  parseCsv,
  REACH,
  type RecordBody,
  sentinels,
  USERS,
  type UserKey,
  VEHICLE,
} from '../support/access-matrix';
import { Client, expectError } from '../support/client';

/**
 * The acceptance matrix of issue 5, for writing and for reading one form through another: who may
 * change, delete and add which records and fields, links to records one may not see, saved views,
 * and which fields each user's copy of a form definition names; refused writes change nothing.
 */

let m: Matrix;

beforeAll(async () => {
  m = await buildMatrix();
}, 180_000);
afterAll(() => m?.t.close());

const client = (user: UserKey) => m.users[user].client;
const USER_FORMS = USERS.flatMap((user) =>
  (Object.keys(FORMS) as FormKey[]).map((form) => [user, form] as const),
);
const admin = () => m.users.admin.client;
const url = (form: FormKey, key?: string) =>
  `/api/forms/${FORMS[form]}/records${key ? `/${m.ids[key] ?? key}` : ''}`;

/** The record as its workspace's admin reads it now. */
async function current(form: FormKey, key: string): Promise<RecordBody> {
  const reader = form === 'other' ? client('other') : admin();
  const response = await reader.get(url(form, key));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/** Data given as a function when it names other records by id. */
type Data = Record<string, unknown> | ((m: Matrix) => Record<string, unknown>);
const resolve = (data: Data) => (typeof data === 'function' ? data(m) : data);

/** user, change or delete, which form, which record, the status, what to send, the one path a refusal names. */
type Change = [UserKey, 'patch' | 'delete', FormKey, string, number, Data, string?];

const CHANGES: Change[] = [
  // Ownership: consultants change their own leads only; someone else's does not exist for them.
  ['a1', 'patch', 'lead', 'L01', 200, { f_budget: '88000.00' }],
  ['a1', 'patch', 'lead', 'L04', 404, { f_name: 'taken' }],
  ['a1', 'delete', 'lead', 'L04', 404, {}],
  ['a2', 'patch', 'lead', 'L01', 404, { f_name: 'taken' }],
  ['b1', 'delete', 'lead', 'L01', 404, {}],
  ['a1', 'patch', 'lead', 'L09', 404, { f_name: 'taken' }],
  // Fields: the note is not theirs to write, nor to clear; a record column is never a field.
  ['a1', 'patch', 'lead', 'L01', 403, { f_secret_note: 'mine now' }, '/f_secret_note'],
  ['a1', 'patch', 'lead', 'L01', 403, { f_secret_note: null }, '/f_secret_note'],
  ['a1', 'patch', 'lead', 'L01', 422, { f_name: 'x', owner_id: 'usr_x' }, '/owner_id'],
  // Links: only to vehicles they may see (none), named like a missing record.
  ['a1', 'patch', 'lead', 'L01', 422, (m) => ({ f_vehicle: m.ids.V01 }), '/f_vehicle'],
  // Viewers see but may not change: 403 on what they see, 404 on what they do not.
  ['smA', 'patch', 'lead', 'L01', 403, { f_name: 'taken' }],
  ['smA', 'delete', 'lead', 'L01', 403, {}],
  ['smA', 'patch', 'lead', 'L06', 404, { f_name: 'taken' }],
  ['mgrB', 'patch', 'lead', 'L05', 403, { f_name: 'taken' }],
  ['mgrB', 'delete', 'lead', 'L01', 404, {}],
  ['gm', 'patch', 'lead', 'L01', 403, { f_name: 'taken' }],
  ['gm', 'delete', 'lead', 'L08', 403, {}],
  ['gm', 'patch', 'vehicle', 'V01', 403, { f_cost: 'cheap' }],
  ['recA', 'patch', 'lead', 'L09', 404, { f_name: 'taken' }],
  ['smA', 'patch', 'vehicle', 'V01', 403, { f_model: 'taken' }],
  ['outsider', 'patch', 'lead', 'L01', 404, { f_name: 'taken' }],
  ['outsider', 'delete', 'lead', 'L01', 404, {}],
  // Another workspace: our ids do not exist there, whatever form they are asked under; nor theirs here.
  ['other', 'patch', 'lead', 'L01', 404, { f_name: 'taken' }],
  ['other', 'delete', 'lead', 'L01', 404, {}],
  ['other', 'patch', 'other', 'L01', 404, { f_name: 'taken' }],
  ['admin', 'patch', 'other', 'O01', 404, { f_name: 'taken' }],
  ['admin', 'delete', 'lead', 'O01', 404, {}],
  // Two sets: the team lead changes their own lead, and only sees the rest of their department's.
  ['leadB', 'patch', 'lead', 'L11', 200, { f_budget: '99000.00' }],
  ['leadB', 'patch', 'lead', 'L06', 403, { f_name: 'taken' }],
  ['leadB', 'delete', 'lead', 'L07', 403, {}],
  ['leadB', 'patch', 'lead', 'L11', 403, { f_secret_note: 'mine now' }, '/f_secret_note'],
  // Deleting one's own lead.
  ['a1', 'delete', 'lead', 'L03', 204, {}],
];

describe('changing and deleting', () => {
  it.each(CHANGES)('%s: %s %s %s → %i %j', async (user, action, form, key, status, data, path) => {
    const home: FormKey = key.startsWith('V') ? 'vehicle' : key.startsWith('O') ? 'other' : 'lead';
    const before = await current(home, key);
    const response =
      action === 'patch'
        ? await client(user).patch(url(form, key), { rev: before.rev, data: resolve(data) })
        : await client(user).delete(url(form, key));
    if (status >= 400) {
      const error = expectError(response, status);
      if (path) expect(error.details.map((d) => d.path)).toEqual([path]);
      // A refused write changes nothing.
      expect(await current(home, key)).toEqual(before);
      return;
    }
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    if (action === 'delete') {
      for (const reader of ['a1', 'gm', 'admin'] as const)
        expectError(await client(reader).get(url(form, key)), 404);
      // Its history stays for those who manage the form, and is gone for the rest.
      expectError(await client('a1').get(`${url(form, key)}/history`), 404);
      const entries = (await admin().get(`${url(form, key)}/history`)).body.entries;
      expect(entries.map((e: { action: string }) => e.action)).toEqual(['create', 'update', 'delete']);
      return;
    }
    const reach = REACH[form][user];
    if ('refused' in reach) throw new Error('a 2xx change needs a user who sees the form');
    expect(Object.keys(response.body.data).every((id) => fieldsOn(reach, key).includes(id))).toBe(true);
    const after = await current(home, key);
    expect(after.data).toEqual({
      ...before.data,
      ...response.body.data,
      f_secret_note: before.data.f_secret_note,
    });
    expect(after.data).toMatchObject(resolve(data));
    expect([after.rev, after.ownerId, after.deptId]).toEqual([before.rev + 1, before.ownerId, before.deptId]);
  });
});

/** user, form, status, the one path a refusal names (or ''), what to send, and the fields the answer shows. */
type Create = [UserKey, FormKey, number, string, Data, string[]?];

const CREATES: Create[] = [
  ['a1', 'lead', 201, '', { f_name: 'NEW-A1', f_budget: '1000' }, ['f_name', 'f_budget']],
  ['a1', 'lead', 403, '/f_secret_note', { f_name: 'x', f_secret_note: 'x' }],
  ['a1', 'lead', 422, '/f_vehicle', (m) => ({ f_name: 'x', f_vehicle: m.ids.V01 })],
  ['a1', 'lead', 422, '/f_vehicle', (m) => ({ f_name: 'x', f_vehicle: m.ids.O01 })],
  ['a1', 'lead', 422, '/flow_state', { f_name: 'x', flow_state: 'approved' }],
  ['a1', 'vehicle', 403, '', { f_model: 'x' }],
  ['leadB', 'lead', 201, '', { f_name: 'NEW-LEADB' }, ['f_name']],
  // The service desk may pick the vehicles it sees; it reads back what it wrote and the lookup.
  [
    'recA',
    'lead',
    201,
    '',
    (m) => ({ f_name: 'NEW-REC', f_vehicle: m.ids.V02 }),
    ['f_name', 'f_vehicle', 'f_vehicle_model'],
  ],
  ['smA', 'lead', 403, '', { f_name: 'x' }],
  ['mgrB', 'lead', 403, '', { f_name: 'x' }],
  ['gm', 'lead', 403, '', { f_name: 'x' }],
  ['outsider', 'lead', 403, '', { f_name: 'x' }],
  ['other', 'lead', 404, '', { f_name: 'x' }],
  ['other', 'vehicle', 404, '', { f_model: 'x' }],
];

async function liveCount(formId: string): Promise<number> {
  const response = await admin().post(`/api/forms/${formId}/records/query`, { count: true, limit: 1 });
  return response.body.count.value;
}

describe('adding', () => {
  it.each(CREATES)('%s adds to %s → %i %s', async (user, form, status, path, data, shown) => {
    const before = await liveCount(FORMS[form]);
    const response = await client(user).post(url(form), { data: resolve(data) });
    if (status >= 400) {
      const error = expectError(response, status);
      if (path) expect(error.details.map((d) => d.path)).toEqual([path]);
      expect(await liveCount(FORMS[form])).toBe(before);
      return;
    }
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(
      Object.keys(response.body.data)
        .filter((id) => response.body.data[id] !== null)
        .sort(),
    ).toEqual([...shown!].sort());
    // Owner and department come from the person who adds it, never from the request.
    const stored = await (await admin().get(url(form, response.body.id))).body;
    const dept = {
      a1: m.departments.aSales,
      leadB: m.departments.bSales,
      recA: m.departments.aService,
    } as Record<string, string>;
    expect([stored.ownerId, stored.deptId]).toEqual([m.users[user].id, dept[user]]);
    expect(await liveCount(FORMS[form])).toBe(before + 1);
  });
});

describe('adding in a batch', () => {
  const batches: [string, number, string, Data][] = [
    [
      'a field not theirs',
      403,
      '/records/1/f_secret_note',
      { records: [{ f_name: 'B-1' }, { f_name: 'B-2', f_secret_note: 'x' }] },
    ],
    [
      'a vehicle not theirs',
      422,
      '/records/1/f_vehicle',
      (m) => ({ records: [{ f_name: 'B-1' }, { f_name: 'B-2', f_vehicle: m.ids.V01 }] }),
    ],
  ];
  it.each(batches)('refuses a whole batch with %s: %i at %s', async (_name, status, path, body) => {
    const before = await liveCount(LEAD);
    const response = await client('a1').post(`${url('lead')}/batch`, resolve(body));
    expect(expectError(response, status).details.map((d) => d.path)).toEqual([path]);
    expect(await liveCount(LEAD)).toBe(before);
  });
});

describe('reading one form through another', () => {
  it('lets nobody without the view right read the vehicles, by any path', async () => {
    for (const user of ['a1', 'b1', 'mgrB', 'outsider'] as const) {
      expectError(await client(user).get(url('vehicle')), 403);
      expectError(await client(user).post(`${url('vehicle')}/query`, {}), 403);
      expectError(await client(user).get(`/api/forms/${VEHICLE}/export?format=csv`), 403);
      expectError(await client(user).get(url('vehicle', 'V01')), 404);
      expectError(await client(user).get(`${url('vehicle', 'V01')}/history`), 404);
    }
  });

  it('refuses a saved view that filters on a field hidden from its owner, when it is used', async () => {
    const saved = await client('a1').post(`/api/forms/${LEAD}/views`, {
      name: { zh: '有备注', en: 'With a note' },
      query: { filter: { field: 'f_secret_note', op: 'notEmpty' } },
    });
    if (saved.status === 422) return; // refused when saved: as good
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const listed = await client('a1').get(`${url('lead')}?view=${saved.body.id}`);
    expect(expectError(listed, 422).details.map((d) => d.path)).toEqual(['/filter/field']);
  });

  it("exports through a saved view only the view's records among the user's own", async () => {
    const saved = await client('smA').post(`/api/forms/${LEAD}/views`, {
      name: { zh: '西湖店客户', en: 'Store A customers' },
      query: { filter: { field: 'f_store', op: 'inSubtree', value: m.departments.storeA } },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const exported = await client('smA').get(`/api/forms/${LEAD}/export?format=csv&view=${saved.body.id}`);
    expect(exported.status, String(exported.body)).toBe(200);
    const [header, ...rows] = parseCsv(exported.body as string);
    expect(header).toEqual(['姓名', '手机', '内部备注', '门店', '车辆', '意向车型']);
    // L03 has no store, L05 is store B's customer; L06–L08 are not store A's records.
    expect(rows.map((r) => r[0]).sort()).toEqual(['NAME-01', 'NAME-02', 'NAME-04', 'NAME-09']);
    // Another user may not use a personal view that is not theirs.
    expectError(await client('gm').get(`/api/forms/${LEAD}/export?format=csv&view=${saved.body.id}`), 404);
  });
});

/** The fields of a form a user is shown: those they read or may fill; no form at all without a right on it. */
const DEFINITION: Record<FormKey, Partial<Record<UserKey, string[]>>> = {
  // Consultants may not open the vehicle form, so its lookup is not theirs to see.
  lead: {
    a1: ['f_name', 'f_phone', 'f_budget', 'f_store', 'f_vehicle'],
    a2: ['f_name', 'f_phone', 'f_budget', 'f_store', 'f_vehicle'],
    b1: ['f_name', 'f_phone', 'f_budget', 'f_store', 'f_vehicle'],
    leadB: ['f_name', 'f_phone', 'f_budget', 'f_store', 'f_vehicle'],
    // Submit only, every field writable: the whole form to fill.
    recA: definitionOf.lead.fields.map((f) => f.id),
    smA: ['f_name', 'f_phone', 'f_secret_note', 'f_store', 'f_vehicle', 'f_vehicle_model'],
    mgrB: ['f_name', 'f_budget', 'f_store'],
    gm: definitionOf.lead.fields.map((f) => f.id),
    admin: definitionOf.lead.fields.map((f) => f.id),
  },
  vehicle: { recA: ['f_model'], smA: ['f_model'], gm: ['f_model', 'f_cost'], admin: ['f_model', 'f_cost'] },
  other: { other: ['f_name', 'f_secret_note'] },
};

describe('form definition', () => {
  it.each(USER_FORMS)('%s opens the definition of %s', async (user, form) => {
    const response = await client(user).get(`/api/forms/${FORMS[form]}`);
    const expected = DEFINITION[form][user];
    if (!expected) {
      expectError(response, 404);
      return;
    }
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const named = new Set([...response.raw.body.matchAll(/"id":"(f_[a-z_]+)"/g)].map((match) => match[1]));
    expect([...named].sort()).toEqual([...expected].sort());
  });
});

describe('no response holds a value its reader may not see', () => {
  it.each(USERS)('%s', (user) => {
    const all = sentinels();
    const allowed = allowedSentinels(user);
    const received = client(user).received.join('\n');
    const written = client(user).written();
    const leaked = [...all.keys()].filter(
      (s) => !allowed.has(s) && !written.includes(s) && received.includes(s),
    );
    expect(leaked.map((s) => `${s} (${all.get(s)})`)).toEqual([]);
  });
});

describe('a lookup into a form the reader may not open', () => {
  /**
   * The write guard stops a consultant from linking a vehicle they cannot see; a link someone else
   * made must not show them the vehicle's model through the lookup either (issue 5: "a user must not
   * read a hidden form through a lookup"): the lookup is hidden from whoever cannot read the target.
   */
  it("does not show a consultant the vehicle's model on their own lead", async () => {
    const before = await current('lead', 'L02');
    const linked = await admin().patch(url('lead', 'L02'), {
      rev: before.rev,
      data: { f_vehicle: m.ids.V02 },
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body.data.f_vehicle_model).toBe('VEHICLE-MODEL-02');
    // A client of its own, so that the no-leak check above stays about the matrix.
    const a1 = new Client(m.t.app);
    expect((await a1.login('a1@matrix.test', 'password-123')).status).toBe(200);
    expectError(await a1.get(url('vehicle', 'V02')), 404);
    const answers = {
      detail: await a1.get(url('lead', 'L02')),
      list: await a1.get(url('lead')),
      search: await a1.post(`${url('lead')}/query`, { search: 'VEHICLE-MODEL' }),
      history: await a1.get(`${url('lead', 'L02')}/history`),
    };
    const leaking = Object.entries(answers).filter(([, r]) => r.raw.body.includes('VEHICLE-MODEL-02'));
    expect(leaking.map(([path]) => path)).toEqual([]);
  });
});

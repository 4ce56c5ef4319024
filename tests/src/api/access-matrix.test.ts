import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowedSentinels,
  buildMatrix,
  definitionOf,
  FORMS,
  type FormKey,
  fieldsOn,
  type Matrix,
  ok,
  parseCsv,
  pick,
  REACH,
  type Reach,
  type RecordBody,
  SEEDS,
  type Seed,
  type Seen,
  sentinels,
  USERS,
  type UserKey,
} from '../support/access-matrix';
import { expectError, type Response } from '../support/client';

/**
 * The acceptance matrix of issue 5, for reading: every user of the dealer group (and of another
 * workspace) × every form × list, query, detail, export and history, each compared with the
 * hand-written REACH table: exactly these records, exactly these fields. Writes and lookups are
 * in access-matrix-writes.test.ts.
 */

let m: Matrix;
/** Each record's history, and each form's CSV export (header first), as their admin gets them. */
const oracle = { history: {} as Record<string, HistoryEntry[]>, exports: {} as Record<FormKey, string[][]> };

interface HistoryEntry {
  rev: number;
  action: string;
  changes: { fieldId: string; before: unknown; after: unknown }[];
}

beforeAll(async () => {
  m = await buildMatrix();
  const adminOf = (form: FormKey) => client(form === 'other' ? 'other' : 'admin');
  for (const seed of SEEDS) {
    const url = `/api/forms/${FORMS[seed.form]}/records/${m.ids[seed.key]}/history`;
    oracle.history[seed.key] = (await ok(await adminOf(seed.form).get(url))).entries;
  }
  for (const form of FORM_KEYS) {
    const url = `/api/forms/${FORMS[form]}/export?format=csv`;
    oracle.exports[form] = parseCsv((await ok(await adminOf(form).get(url))) as string);
  }
}, 180_000);
afterAll(() => m?.t.close());

const FORM_KEYS = Object.keys(FORMS) as FormKey[];
const USER_FORMS = USERS.flatMap((user) => FORM_KEYS.map((form) => [user, form] as const));
const client = (user: UserKey) => m.users[user].client;

/** A page of records holds exactly the rows of `keys`, each with exactly the fields the user reads. */
function expectPage(response: Response, reach: Seen, keys: readonly string[] = reach.rows) {
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const records = response.body.records as RecordBody[];
  const keyOf = new Map(Object.entries(m.ids).map(([key, id]) => [id, key]));
  expect(records.map((r) => keyOf.get(r.id) ?? r.id).sort()).toEqual([...keys].sort());
  for (const record of records) {
    const key = keyOf.get(record.id)!;
    expectRecord(record, key, fieldsOn(reach, key));
  }
}

function expectRecord(record: RecordBody, key: string, fields: readonly string[]) {
  const full = m.full[key]!;
  // Exactly the admin's values of the fields the user reads: none missing, none more.
  expect(record.data, key).toEqual(pick(full.data, fields));
  expect(record.unconverted, key).toBeNull();
  expect([record.ownerId, record.deptId, record.rev], key).toEqual([full.ownerId, full.deptId, full.rev]);
}

describe('the oracle', () => {
  it("holds every value the fixture wrote, in the admins' own reads", () => {
    for (const seed of SEEDS.filter((s) => !s.deleted)) {
      const text = JSON.stringify(m.full[seed.key]!.data);
      const sent = [...Object.values(seed.values), seed.secret ?? ''];
      for (const value of sent) expect(text, seed.key).toContain(value);
    }
    expect(m.full.L09!.data.f_vehicle_model).toBe('VEHICLE-MODEL-01');
  });
});

describe('list', () => {
  it.each(USER_FORMS)('%s lists %s', async (user, form) => {
    const reach = REACH[form][user];
    const response = await client(user).get(`/api/forms/${FORMS[form]}/records?limit=100`);
    // Without the view right: 403 in their workspace, 404 for another workspace's form.
    if ('refused' in reach) expectError(response, reach.refused);
    else expectPage(response, reach);
  });
});

describe('detail', () => {
  it.each(USER_FORMS)('%s opens every record id under %s', async (user, form) => {
    const reach = REACH[form][user];
    for (const seed of SEEDS) {
      const response = await client(user).get(`/api/forms/${FORMS[form]}/records/${m.ids[seed.key]}`);
      if (seen(reach, seed, form)) {
        expect(response.status, `${seed.key} ${JSON.stringify(response.body)}`).toBe(200);
        expectRecord(response.body, seed.key, fieldsOn(reach as Seen, seed.key));
      } else {
        // Never 403: a record one may not see, of this workspace or another, does not exist for them.
        expectError(response, 404, 'not_found');
      }
    }
  });
});

function seen(reach: Reach, seed: Seed, form: FormKey, rows?: readonly string[]): boolean {
  return !('refused' in reach) && seed.form === form && (rows ?? reach.rows).includes(seed.key);
}

describe('history', () => {
  it.each(USER_FORMS)('%s reads the history of every record id under %s', async (user, form) => {
    const reach = REACH[form][user];
    for (const seed of SEEDS) {
      const url = `/api/forms/${FORMS[form]}/records/${m.ids[seed.key]}/history`;
      const response = await client(user).get(url);
      if (!seen(reach, seed, form, 'refused' in reach ? [] : (reach.history ?? reach.rows))) {
        expectError(response, 404, 'not_found');
        continue;
      }
      expect(response.status, `${seed.key} ${JSON.stringify(response.body)}`).toBe(200);
      const fields = fieldsOn(reach as Seen, seed.key);
      const shape = (entries: HistoryEntry[]) =>
        entries.map((e) => ({
          rev: e.rev,
          action: e.action,
          changes: e.changes.map(({ fieldId, before, after }) => ({ fieldId, before, after })),
        }));
      const expected = shape(oracle.history[seed.key]!).map((e) => ({
        ...e,
        changes: e.changes.filter((c) => fields.includes(c.fieldId)),
      }));
      expect(shape(response.body.entries), seed.key).toEqual(expected);
    }
  });

  it('keeps the admin secret edit as an entry, with no changes, for those who may not read the note', async () => {
    const entries = (await client('a1').get(`/api/forms/${FORMS.lead}/records/${m.ids.L01}/history`)).body
      .entries;
    expect(entries.map((e: { action: string; changes: unknown[] }) => [e.action, e.changes.length])).toEqual([
      ['create', 4],
      ['update', 0],
    ]);
    const full = oracle.history.L01!.map((e) => [e.action, e.changes.map((c) => c.fieldId)]);
    expect(full[1]).toEqual(['update', ['f_secret_note']]);
  });
});

describe('export', () => {
  it.each(USER_FORMS)('%s exports %s as CSV', async (user, form) => {
    const reach = REACH[form][user];
    const response = await client(user).get(`/api/forms/${FORMS[form]}/export?format=csv`);
    if ('refused' in reach) {
      expectError(response, reach.refused);
      return;
    }
    if (!reach.export) {
      expectError(response, 403, 'forbidden');
      return;
    }
    expect(response.status, String(response.body)).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parseCsv(response.body as string);
    expect(header).toEqual(exportHeader(form, reach.fields));
    expect(rows.map((r) => r.join('|')).sort()).toEqual(expectedRows(form, reach).sort());
  });

  const columnCases: [UserKey, FormKey, string, number, string?][] = [
    ['gm', 'lead', 'f_name,f_secret_note', 200],
    ['smA', 'lead', 'f_name,f_secret_note', 200],
    ['smA', 'lead', 'f_name,f_budget', 422, '/columns/1'],
    ['smA', 'lead', 'f_vehicle_model,f_phone', 200],
    ['gm', 'vehicle', 'f_cost', 200],
  ];
  it.each(columnCases)('%s exports %s with columns %s: %i', async (user, form, columns, status, path) => {
    const response = await client(user).get(`/api/forms/${FORMS[form]}/export?format=csv&columns=${columns}`);
    if (status !== 200) {
      expect(expectError(response, status).details.map((d) => d.path)).toEqual([path]);
      return;
    }
    expect(response.status, String(response.body)).toBe(200);
    const reach = REACH[form][user] as Seen;
    const wanted = columns.split(',');
    const [header, ...rows] = parseCsv(response.body as string);
    expect(header).toEqual(wanted.map((id) => labelOf(form, id)));
    expect(rows.map((r) => r.join('|')).sort()).toEqual(expectedRows(form, reach, wanted).sort());
  });
});

const labelOf = (form: FormKey, id: string) => definitionOf[form].fields.find((f) => f.id === id)!.label.zh;

/** The export's header for these fields: their Chinese labels, in form order. */
function exportHeader(form: FormKey, fields: readonly string[]): string[] {
  return definitionOf[form].fields.filter((f) => fields.includes(f.id)).map((f) => f.label.zh);
}

/** The rows the admin's export has for the user's records, cut to the user's columns (in `order`). */
function expectedRows(form: FormKey, reach: Seen, order?: string[]): string[] {
  const [header, ...rows] = oracle.exports[form];
  const all = definitionOf[form].fields.map((f) => f.id);
  expect(header).toEqual(exportHeader(form, all));
  const columns = (order ?? all.filter((id) => reach.fields.includes(id))).map((id) => all.indexOf(id));
  // The first field of each form holds a value unique to its record (NAME-01, VEHICLE-MODEL-01).
  const first = definitionOf[form].fields[0]!.id;
  const keys = new Set(reach.rows.map((key) => SEEDS.find((s) => s.key === key)!.values[first]));
  const mine = rows!.filter((row) => keys.has(row[0]!));
  expect(mine).toHaveLength(reach.rows.length);
  return mine.map((row) => columns.map((i) => row[i]).join('|'));
}

/** A query and which of a user's rows it returns; or what it needs to read, else 422 (or 403) at a path. */
interface QueryCase {
  name: string;
  query: (m: Matrix) => Record<string, unknown>;
  match: (seed: Seed, fields: readonly string[], user: UserKey) => boolean;
  /** Lead fields the query names; a user who cannot read one gets 422 at `path`. */
  needs?: [string[], string];
  /** Vehicle fields a related condition names: 403 without the view right, 422 at `path` without the field. */
  vehicle?: [string[], string];
}

const everything = () => true;
const QUERY_CASES: QueryCase[] = [
  { name: 'everything', query: () => ({}), match: everything },
  {
    name: 'names in a list',
    query: () => ({
      filter: { field: 'f_name', op: 'in', value: ['NAME-01', 'NAME-05', 'NAME-06', 'NAME-09'] },
    }),
    match: (s) => ['L01', 'L05', 'L06', 'L09'].includes(s.key),
  },
  { name: 'search a name', query: () => ({ search: 'NAME-' }), match: everything },
  {
    name: 'search the hidden note',
    query: () => ({ search: 'LEAD-SECRET' }),
    match: (_s, fields) => fields.includes('f_secret_note'),
  },
  {
    name: 'search a phone',
    query: () => ({ search: '138001300' }),
    match: (_s, fields) => fields.includes('f_phone'),
  },
  { name: 'search a budget', query: () => ({ search: '31415' }), match: (_s, f) => f.includes('f_budget') },
  {
    name: 'search a looked-up model',
    query: () => ({ search: 'VEHICLE-MODEL' }),
    match: (s, fields) => !!s.vehicle && fields.includes('f_vehicle_model'),
  },
  {
    name: 'budget at least',
    query: () => ({ filter: { field: 'f_budget', op: 'gte', value: 3141505 } }),
    match: (s) => Number(s.key.slice(1)) >= 5,
    needs: [['f_budget'], '/filter/field'],
  },
  {
    name: 'note contains',
    query: () => ({ filter: { field: 'f_secret_note', op: 'contains', value: 'LEAD-SECRET-' } }),
    match: everything,
    needs: [['f_secret_note'], '/filter/field'],
  },
  {
    name: 'sorted by the note',
    query: () => ({ sort: [{ field: 'f_secret_note', dir: 'desc' }] }),
    match: everything,
    needs: [['f_secret_note'], '/sort/0/field'],
  },
  {
    name: 'the note inside an or',
    query: () => ({
      filter: {
        or: [
          { field: 'f_name', op: 'eq', value: 'NAME-01' },
          { field: 'f_secret_note', op: 'notEmpty' },
        ],
      },
    }),
    match: everything,
    needs: [['f_secret_note'], '/filter/or/1/field'],
  },
  {
    name: 'mine',
    query: () => ({ filter: { field: '_owner', op: 'isMe' } }),
    match: (s, _f, u) => s.by === u,
  },
  {
    name: 'store A and below',
    query: (m) => ({ filter: { field: 'f_store', op: 'inSubtree', value: m.departments.storeA } }),
    match: (s) => s.store === 'storeA' || s.store === 'aSales' || s.store === 'aService',
    needs: [['f_store'], '/filter/field'],
  },
  {
    name: 'related vehicle by model',
    query: () => ({
      filter: { related: 'f_vehicle', where: { field: 'f_model', op: 'eq', value: 'VEHICLE-MODEL-01' } },
    }),
    match: (s) => s.vehicle === 'V01',
    needs: [['f_vehicle'], '/filter/related'],
    vehicle: [['f_model'], '/filter/where/field'],
  },
  {
    name: 'related vehicle by its hidden cost',
    query: () => ({
      filter: { related: 'f_vehicle', where: { field: 'f_cost', op: 'startsWith', value: 'VEHICLE-SECRET' } },
    }),
    match: (s) => s.vehicle === 'V01',
    needs: [['f_vehicle'], '/filter/related'],
    vehicle: [['f_cost'], '/filter/where/field'],
  },
];

type Outcome = { rows: string[]; reach: Seen } | { status: number; path?: string };

function outcome(user: UserKey, c: QueryCase): Outcome {
  const reach = REACH.lead[user];
  if ('refused' in reach) return { status: reach.refused };
  const [fields, path] = c.needs ?? [[], ''];
  if (!fields.every((id) => reach.fields.includes(id))) return { status: 422, path };
  if (c.vehicle) {
    const vehicle = REACH.vehicle[user];
    if ('refused' in vehicle) return { status: 403 };
    if (!c.vehicle[0].every((id) => vehicle.fields.includes(id))) return { status: 422, path: c.vehicle[1] };
  }
  const rows = reach.rows.filter((key) => c.match(SEEDS.find((s) => s.key === key)!, reach.fields, user));
  return { rows, reach };
}

function expectOutcome(response: Response, expected: Outcome, count: boolean) {
  if ('status' in expected) {
    const error = expectError(response, expected.status);
    if (expected.path) expect(error.details.map((d) => d.path)).toEqual([expected.path]);
    return;
  }
  expectPage(response, expected.reach, expected.rows);
  if (count) expect(response.body.count).toEqual({ value: expected.rows.length, capped: false });
}

describe('query', () => {
  const cases = USERS.flatMap((user) => QUERY_CASES.map((c) => [user, c.name, c] as const));
  it.each(cases)('%s: %s', async (user, _name, c) => {
    const query = c.query(m);
    const expected = outcome(user, c);
    const url = `/api/forms/${FORMS.lead}/records`;
    expectOutcome(
      await client(user).post(`${url}/query`, { ...query, count: true, limit: 100 }),
      expected,
      true,
    );
    const asParameter = encodeURIComponent(JSON.stringify(query));
    expectOutcome(await client(user).get(`${url}?limit=100&query=${asParameter}`), expected, false);
  });

  it('has cases that return some rows, no rows, and each refusal, so that the table proves something', () => {
    const outcomes = USERS.flatMap((u) => QUERY_CASES.map((c) => outcome(u, c)));
    const kinds = new Set(
      outcomes.map((o) => ('status' in o ? `${o.status}` : o.rows.length ? 'rows' : 'empty')),
    );
    expect([...kinds].sort()).toEqual(['403', '404', '422', 'empty', 'rows']);
  });
});

describe('no response holds a value its reader may not see', () => {
  it.each(USERS)('%s', (user) => {
    const all = sentinels();
    const allowed = allowedSentinels(user);
    const { received, written } = {
      received: client(user).received.join('\n'),
      written: client(user).written(),
    };
    const leaked = [...all.keys()].filter(
      (s) => !allowed.has(s) && !written.includes(s) && received.includes(s),
    );
    expect(leaked.map((s) => `${s} (${all.get(s)})`)).toEqual([]);
    // And what they may see, they were shown: the recorder saw the matrix's answers.
    const missing = [...allowed].filter((s) => !received.includes(s));
    expect(missing).toEqual([]);
  });
});

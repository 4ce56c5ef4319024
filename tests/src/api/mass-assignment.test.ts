import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, newUser } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import { type Client, expectError, type Response } from '../support/client';
import { create, installForms } from '../support/dealership/install';
import { lead } from '../support/dealership/sales';

/**
 * Mass assignment and prototype pollution (issue 5): a request can set field values and nothing
 * else. System keys beside or inside `data`, prototype keys anywhere, and fields the user may not
 * write are refused, and the refusal writes nothing: no record, history, outbox job or audit event.
 */
let t: TestApp;
let consultant: Client;
/** May view, add and change every lead, but not write its intent or trade-in. */
let limited: Client;
const mine: Record<string, { id: string; rev: number }> = {};

const LEAD = {
  f_name: '王先生',
  f_mobile: '13800138000',
  f_source: 'WalkIn',
  f_next_follow_up: '2026-04-01',
};
const ROW = { f_type: 'Call', f_at: '2026-03-01T10:00:00+08:00', f_outcome: '约了周六到店' };

beforeAll(async () => {
  t = await testApp();
  await installForms(t.admin, [lead]);
  const user = await newUser(t, 'consultant@dealer.test', '陈顾问');
  consultant = user.client;
  await grant(t.admin, 'frm_lead', { preset: 'submitAndManageOwn', users: [user.id] });
  const other = await newUser(t, 'limited@dealer.test', '李助理');
  limited = other.client;
  const writable = lead.fields.map((f) => f.id).filter((id) => id !== 'f_intent' && id !== 'f_trade_in');
  await grant(t.admin, 'frm_lead', {
    actions: ['view', 'create', 'edit'],
    scope: { kind: 'all' },
    writeFields: writable,
    users: [other.id],
  });
  mine.admin = await create(t.admin, 'frm_lead', { ...LEAD, f_intent: 'H', f_follow_ups: [ROW] });
  mine.consultant = await create(consultant, 'frm_lead', { ...LEAD, f_follow_ups: [ROW] });
});
afterAll(() => t?.close());

/** Counts and high-water marks of every table a write touches, and the records themselves. */
async function stored() {
  const db = t.database.db;
  const { rows } = await sql<Record<string, unknown>>`select
    (select count(*)::int from records) as records,
    (select max(rev) from records) as max_rev,
    (select max(updated_at) from records) as records_updated,
    (select count(*)::int from record_history) as history,
    (select max(at) from record_history) as history_at,
    (select count(*)::int from jobs) as jobs,
    (select max(created_at) from jobs) as jobs_created,
    (select count(*)::int from audit_log) as audit,
    (select max(at) from audit_log) as audit_at`.execute(db);
  const records = await db
    .selectFrom('records')
    .select(['id', 'rev', 'data', 'owner_id', 'dept_id', 'flow_state', 'channel', 'updated_by', 'updated_at'])
    .orderBy('id')
    .execute();
  return { ...rows[0], records };
}

const clients = () => ({ admin: t.admin, consultant });

/** A body sent exactly as written, so that `__proto__` arrives as a key of its own. */
const raw = (client: Client, method: 'POST' | 'PATCH', url: string, payload: string) =>
  client.request(method, url, undefined, { payload, headers: { 'content-type': 'application/json' } });

const RECORDS = '/api/forms/frm_lead/records';
const at = (who: string) => `${RECORDS}/${mine[who]!.id}`;

/** Sends a refused request and checks the answer, and that nothing was written. */
async function refused(send: () => Promise<Response>, status: number, code: string, paths?: string[]) {
  const before = await stored();
  const error = expectError(await send(), status, code);
  if (paths) expect(error.details.map((d) => d.path)).toEqual(paths);
  expect(await stored()).toEqual(before);
  return error;
}

const SYSTEM_KEYS = [
  'owner_id',
  'ownerId',
  'workspace_id',
  'flow_state',
  'rev',
  'created_at',
  'updated_by',
  'channel',
  '_owner',
  'id',
];

describe.each(['admin', 'consultant'] as const)('as %s', (who) => {
  const client = () => clients()[who];

  describe('system keys beside `data` are refused by the request schema', () => {
    for (const key of ['owner_id', 'workspace_id', 'rev']) {
      it(`create with ${key}`, async () => {
        await refused(() => client().post(RECORDS, { data: LEAD, [key]: 'usr_other' }), 400, 'bad_request', [
          `/${key}`,
        ]);
      });
    }
    for (const key of ['owner_id', 'workspace_id', 'rev']) {
      it(`batch with ${key}`, async () => {
        await refused(
          () => client().post(`${RECORDS}/batch`, { records: [LEAD], [key]: 'usr_other' }),
          400,
          'bad_request',
          [`/${key}`],
        );
      });
    }
    for (const key of ['owner_id', 'workspace_id', 'flow_state']) {
      it(`update with ${key}`, async () => {
        await refused(
          () => client().patch(at(who), { rev: mine[who]!.rev, data: { f_name: '改名' }, [key]: 'x' }),
          400,
          'bad_request',
          [`/${key}`],
        );
      });
    }
  });

  describe('system keys inside `data` are refused by name', () => {
    for (const key of SYSTEM_KEYS) {
      it(key, async () => {
        const value = key === 'rev' ? 99 : 'usr_other';
        const message = 'This is set by Forecourt and cannot be sent.';
        const created = await refused(
          () => client().post(RECORDS, { data: { ...LEAD, [key]: value } }),
          422,
          'validation_failed',
          [`/${key}`],
        );
        expect(created.details[0]!.message).toBe(message);
        await refused(
          () => client().post(`${RECORDS}/batch`, { records: [LEAD, { ...LEAD, [key]: value }] }),
          422,
          'validation_failed',
          [`/records/1/${key}`],
        );
        await refused(
          () => client().patch(at(who), { rev: mine[who]!.rev, data: { f_name: '改名', [key]: value } }),
          422,
          'validation_failed',
          [`/${key}`],
        );
      });
    }

    it('several at once, each named', async () => {
      await refused(
        () => client().post(RECORDS, { data: { ...LEAD, ownerId: 'usr_x', _x: 1, f_nope: 2 } }),
        422,
        'validation_failed',
        ['/ownerId', '/_x', '/f_nope'],
      );
    });
  });

  describe('prototype keys are refused wherever they hide', () => {
    const data = JSON.stringify(LEAD).slice(1, -1);
    const row = JSON.stringify(ROW).slice(1, -1);
    const parsed: [string, string][] = [
      ['__proto__ at the top of data', `{${data},"__proto__":{"polluted":true}}`],
      ['__proto__ in a table row', `{${data},"f_follow_ups":[{${row},"__proto__":{"polluted":true}}]}`],
      ['__proto__ in a nested value', `{${data},"f_models":{"x":{"__proto__":{"polluted":true}}}}`],
      ['constructor.prototype at the top of data', `{${data},"constructor":{"prototype":{"polluted":true}}}`],
      [
        'constructor.prototype in a table row',
        `{${data},"f_follow_ups":[{${row},"constructor":{"prototype":{"polluted":true}}}]}`,
      ],
    ];
    for (const [what, json] of parsed) {
      it(`${what}: refused as the body is read`, async () => {
        await refused(() => raw(client(), 'POST', RECORDS, `{"data":${json}}`), 400, 'bad_request');
        await refused(
          () => raw(client(), 'POST', `${RECORDS}/batch`, `{"records":[${JSON.stringify(LEAD)},${json}]}`),
          400,
          'bad_request',
        );
        await refused(
          () => raw(client(), 'PATCH', at(who), `{"rev":${mine[who]!.rev},"data":${json}}`),
          400,
          'bad_request',
        );
      });
    }

    it('__proto__ beside data', async () => {
      await refused(
        () =>
          raw(client(), 'POST', RECORDS, `{"data":${JSON.stringify(LEAD)},"__proto__":{"polluted":true}}`),
        400,
        'bad_request',
      );
    });

    // Keys the JSON reader lets through: the engine names each.
    const named: [string, Record<string, unknown>, string][] = [
      ['constructor at the top of data', { constructor: 'x' }, '/constructor'],
      ['prototype at the top of data', { prototype: { polluted: true } }, '/prototype'],
      [
        'constructor in a table row',
        { f_follow_ups: [{ ...ROW, constructor: {} }] },
        '/f_follow_ups/0/constructor',
      ],
      ['prototype in a nested value', { f_models: [{ prototype: 1 }] }, '/f_models/0/prototype'],
    ];
    for (const [what, extra, path] of named) {
      it(`${what}: refused by the engine with its path`, async () => {
        const error = await refused(
          () => client().post(RECORDS, { data: { ...LEAD, ...extra } }),
          422,
          'validation_failed',
          [path],
        );
        expect(error.details[0]!.message).toBe('This key is not allowed.');
        await refused(
          () => client().post(`${RECORDS}/batch`, { records: [{ ...LEAD, ...extra }] }),
          422,
          'validation_failed',
          [`/records/0${path}`],
        );
        await refused(
          () => client().patch(at(who), { rev: mine[who]!.rev, data: extra }),
          422,
          'validation_failed',
          [path],
        );
      });
    }
  });
});

describe('fields the user may not write', () => {
  it('are refused on create and in a batch with 403 naming each path, writing nothing', async () => {
    const error = await refused(
      () => limited.post(RECORDS, { data: { ...LEAD, f_intent: 'H' } }),
      403,
      'forbidden',
      ['/f_intent'],
    );
    expect(error.details[0]!.message).toBe('You may not change this field.');
    await refused(
      () =>
        limited.post(`${RECORDS}/batch`, {
          records: [LEAD, { ...LEAD, f_intent: 'A' }, { ...LEAD, f_intent: 'B', f_trade_in: true }],
        }),
      403,
      'forbidden',
      ['/records/1/f_intent', '/records/2/f_intent', '/records/2/f_trade_in'],
    );
  });

  it('are refused on update when changed, with 403 naming the path', async () => {
    await refused(
      () => limited.patch(at('admin'), { rev: mine.admin!.rev, data: { f_name: '改名', f_intent: 'A' } }),
      403,
      'forbidden',
      ['/f_intent'],
    );
  });

  it('pass on update when sent back unchanged, and the writable fields change', async () => {
    const response = await limited.patch(at('admin'), {
      rev: mine.admin!.rev,
      data: { f_name: '王总', f_intent: 'H' },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.data).toMatchObject({ f_name: '王总', f_intent: 'H' });
    expect(response.body.rev).toBe(mine.admin!.rev + 1);
    mine.admin = response.body;
  });

  // A field stored empty is absent from data; a form shows it empty and sends null back: no change.
  it('pass on update when an empty field is sent back empty', async () => {
    const response = await limited.patch(at('admin'), {
      rev: mine.admin!.rev,
      data: { f_name: '王总', f_trade_in: null },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  });

  it('still pass for the admin and the owner, who may write every field', async () => {
    const response = await consultant.patch(at('consultant'), {
      rev: mine.consultant!.rev,
      data: { f_intent: 'A', f_trade_in: true },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.data).toMatchObject({ f_intent: 'A', f_trade_in: true });
  });
});

describe('after every refusal', () => {
  it('no object prototype was polluted', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(Object.prototype.constructor).toBe(Object);
  });

  it('the records hold what the accepted writes put there, and no system key in data', async () => {
    const records = await t.database.db
      .selectFrom('records')
      .select(['id', 'rev', 'owner_id', 'data', 'channel'])
      .orderBy('created_at')
      .execute();
    // The admin's record: its update, then the limited user's update sending an empty field back empty.
    expect(records.map((r) => [r.rev, r.channel])).toEqual([
      [3, null],
      [2, null],
    ]);
    for (const record of records) {
      for (const key of [...SYSTEM_KEYS, 'constructor', 'prototype', '__proto__'])
        expect(Object.hasOwn(record.data, key), key).toBe(false);
      expect(Object.keys(record.data).every((k) => k.startsWith('f_'))).toBe(true);
    }
  });
});

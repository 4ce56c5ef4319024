import {
  type Actor,
  createRecords,
  explainQuery,
  indexName,
  queryRecords,
  type RecordView,
  writeContext,
} from '@forecourt/engine';
import type { RecordQuery } from '@forecourt/schemas';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/db';
import { field, form, options } from '../support/dealership/fields';
import { installForEngine, workspaceAdmin } from '../support/forms';

let database: TestDatabase;
let actor: Actor;
const all: RecordView[] = [];

const STATUSES = ['CheckIn', 'InProgress', 'QC', 'Delivered'];
const orders = form('frm_orders', 'app_service', '工单', 'Orders', [
  field('f_advisor_name', 'text', '顾问', 'Advisor', { indexed: true }),
  field('f_status', 'select', '状态', 'Status', {
    indexed: true,
    options: options(...STATUSES.map((s) => [s, s] as [string, string])),
  }),
  field('f_odometer', 'number', '里程', 'Odometer', { indexed: true, precision: 0 }),
  field('f_total', 'money', '合计', 'Total', { indexed: true }),
  field('f_promised_date', 'date', '承诺日期', 'Promised date', { indexed: true }),
  field('f_promised_at', 'datetime', '承诺时间', 'Promised at', { indexed: true }),
  field('f_paid', 'boolean', '已付款', 'Paid', { indexed: true }),
  field('f_advisor', 'member', '服务顾问', 'Advisor user', { indexed: true }),
  field('f_tags', 'multiselect', '标签', 'Tags', {
    options: options(['vip', 'VIP'], ['fleet', '车队'], ['ev', '新能源']),
  }),
  field('f_parts', 'subform', '配件', 'Parts', {
    fields: [field('f_part_no', 'text', '配件号', 'Part no.'), field('f_qty', 'number', '数量', 'Qty')],
  }),
]);

/** Deterministic dealership-shaped rows; some values are left empty on purpose. */
function seed(i: number, me: string): Record<string, unknown> {
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    f_advisor_name: i % 10 === 0 ? null : `顾问${i % 7}`,
    f_status: STATUSES[i % 4],
    f_odometer: i % 9 === 0 ? null : 1000 + ((i * 7919) % 90000),
    f_total: `${(i * 37) % 5000}.${String(i % 100).padStart(2, '0')}`,
    f_promised_date: `2026-11-${day}`,
    f_promised_at: `2026-11-${day}T0${i % 10}:30:00Z`,
    f_paid: i % 3 === 0,
    f_advisor: i % 5 === 0 ? me : null,
    f_tags: i % 6 === 0 ? ['vip'] : i % 6 === 1 ? ['fleet', 'ev'] : [],
    f_parts: i % 4 === 0 ? [{ f_part_no: `P-${i % 13}`, f_qty: 1 + (i % 3) }] : [],
  };
}

beforeAll(async () => {
  database = await openTestDatabase();
  actor = await workspaceAdmin(database);
  await installForEngine(database, actor, [orders]);
  for (let batch = 0; batch < 4; batch++) {
    const rows = Array.from({ length: 100 }, (_, i) => seed(batch * 100 + i, actor.userId));
    all.push(...(await createRecords(database.db, writeContext(actor), 'frm_orders', rows)));
  }
}, 120_000);
afterAll(() => database?.close());

async function ids(query: RecordQuery): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryRecords(database.db, actor, 'frm_orders', {
      ...query,
      limit: 37,
      ...(cursor ? { cursor } : {}),
    });
    out.push(...page.records.map((r) => r.id));
    cursor = page.next ?? undefined;
  } while (cursor);
  return out;
}

const matching = (keep: (d: Record<string, any>) => boolean) =>
  all.filter((r) => keep(r.data)).map((r) => r.id);

describe('query compiler', () => {
  it('filters with per-type operators and and/or groups', async () => {
    const cases: [RecordQuery['filter'], (d: Record<string, any>) => boolean][] = [
      [{ field: 'f_status', op: 'eq', value: 'QC' }, (d) => d.f_status === 'QC'],
      [
        { field: 'f_status', op: 'in', value: ['QC', 'Delivered'] },
        (d) => ['QC', 'Delivered'].includes(d.f_status),
      ],
      [
        { field: 'f_odometer', op: 'between', value: [20000, 40000] },
        (d) => d.f_odometer >= 20000 && d.f_odometer <= 40000,
      ],
      [{ field: 'f_odometer', op: 'empty' }, (d) => d.f_odometer == null],
      [{ field: 'f_total', op: 'gt', value: '4000' }, (d) => Number(d.f_total) > 4000],
      [
        { field: 'f_promised_date', op: 'before', value: '2026-11-05' },
        (d) => d.f_promised_date < '2026-11-05',
      ],
      [{ field: 'f_paid', op: 'eq', value: true }, (d) => d.f_paid === true],
      [
        { field: 'f_advisor_name', op: 'contains', value: '顾问3' },
        (d) => String(d.f_advisor_name ?? '').includes('顾问3'),
      ],
      [{ field: 'f_advisor', op: 'isMe' }, (d) => d.f_advisor === actor.userId],
      [{ field: 'f_tags', op: 'contains', value: 'ev' }, (d) => (d.f_tags ?? []).includes('ev')],
      [{ field: 'f_tags', op: 'empty' }, (d) => !d.f_tags?.length],
      [
        {
          or: [
            {
              and: [
                { field: 'f_status', op: 'eq', value: 'QC' },
                { field: 'f_paid', op: 'eq', value: false },
              ],
            },
            { field: 'f_total', op: 'lt', value: 100 },
          ],
        },
        (d) => (d.f_status === 'QC' && d.f_paid === false) || Number(d.f_total) < 100,
      ],
      [
        {
          rows: 'f_parts',
          where: {
            and: [
              { field: 'f_part_no', op: 'eq', value: 'P-3' },
              { field: 'f_qty', op: 'gte', value: 2 },
            ],
          },
        },
        (d) => (d.f_parts ?? []).some((p: any) => p.f_part_no === 'P-3' && p.f_qty >= 2),
      ],
    ];
    for (const [filter, keep] of cases) {
      expect((await ids({ filter })).sort(), JSON.stringify(filter)).toEqual(matching(keep).sort());
    }
  });

  it('sorts by several keys with keyset pages equal to one sorted list, empty values last', async () => {
    const got = await ids({ sort: [{ field: 'f_odometer', dir: 'desc' }, { field: 'f_status' }] });
    const expected = [...all]
      .sort((a, b) => {
        const x = a.data.f_odometer as number | null;
        const y = b.data.f_odometer as number | null;
        if (x !== y) return x === null ? -1 : y === null ? 1 : y - x; // desc: empty first (largest), then high to low
        const s = String(a.data.f_status).localeCompare(String(b.data.f_status));
        return s !== 0 ? s : a.id < b.id ? -1 : 1; // the id follows the last key's direction
      })
      .map((r) => r.id);
    expect(got).toEqual(expected);
    const asc = await ids({ sort: [{ field: 'f_total' }] });
    const totals = asc.map((id) => Number(all.find((r) => r.id === id)!.data.f_total));
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
  });

  it('counts, capped, and searches text', async () => {
    const page = await queryRecords(database.db, actor, 'frm_orders', {
      filter: { field: 'f_status', op: 'eq', value: 'CheckIn' },
      count: true,
      limit: 5,
    });
    expect(page.count).toEqual({ value: 100, capped: false });
    const found = await ids({ search: 'P-12' });
    expect(found.sort()).toEqual(
      matching((d) => (d.f_parts ?? []).some((p: any) => p.f_part_no === 'P-12')).sort(),
    );
  });

  it('names the bad part of a query', async () => {
    const bad: [unknown, string][] = [
      [{ filter: { field: 'f_nope', op: 'eq', value: 1 } }, '/filter/field'],
      [{ filter: { field: 'f_odometer', op: 'contains', value: 'x' } }, '/filter/op'],
      [{ filter: { field: 'f_odometer', op: 'gt', value: 'lots' } }, '/filter/value'],
      [
        {
          filter: {
            and: [
              { field: 'f_status', op: 'eq', value: 'QC' },
              { rows: 'f_status', where: { field: 'f_qty', op: 'eq', value: 1 } },
            ],
          },
        },
        '/filter/and/1/rows',
      ],
      [{ sort: [{ field: 'f_tags' }] }, '/sort/0/field'],
      [{ cursor: 'garbage' }, '/cursor'],
    ];
    for (const [query, path] of bad) {
      const error = await queryRecords(database.db, actor, 'frm_orders', query as RecordQuery).then(
        () => undefined,
        (e: { details?: { path: string }[] }) => e,
      );
      expect(
        error?.details?.map((d) => d.path),
        JSON.stringify(query),
      ).toContain(path);
    }
  });
});

describe('indexes', () => {
  const indexedFilters: [string, RecordQuery['filter']][] = [
    ['f_advisor_name', { field: 'f_advisor_name', op: 'eq', value: '顾问3' }],
    ['f_status', { field: 'f_status', op: 'eq', value: 'QC' }],
    ['f_odometer', { field: 'f_odometer', op: 'between', value: [1000, 2000] }],
    ['f_total', { field: 'f_total', op: 'gt', value: 4900 }],
    ['f_promised_date', { field: 'f_promised_date', op: 'after', value: '2026-11-27' }],
    ['f_promised_at', { field: 'f_promised_at', op: 'lt', value: '2026-11-02T00:00:00Z' }],
    ['f_paid', { field: 'f_paid', op: 'eq', value: true }],
    ['f_advisor', { field: 'f_advisor', op: 'isMe' }],
  ];

  it.each(indexedFilters)(
    'the partial expression index of %s serves its filter and sort',
    async (fieldId, filter) => {
      const { ensureIndexes, formVersion } = await import('@forecourt/engine');
      const { definition } = await formVersion(database.db, actor.workspaceId, 'frm_orders');
      await ensureIndexes(database.db, database.mode, 'frm_orders', definition);
      const plan = await explainQuery(
        database.db,
        actor,
        'frm_orders',
        { filter, sort: [{ field: fieldId }] },
        { preferIndexes: true },
      );
      expect(plan, plan).toContain(indexName('frm_orders', fieldId));
    },
  );

  it('a trigram index serves text search on PostgreSQL', async () => {
    if (database.mode !== 'postgres') return;
    const { searchIndexName } = await import('@forecourt/engine');
    await sql`analyze records`.execute(database.db);
    // Sorted by a column no index orders, so that the search condition decides the plan.
    const query = { search: '顾问3', sort: [{ field: '_updated_at' }] };
    const plan = await explainQuery(database.db, actor, 'frm_orders', query, { preferIndexes: true });
    expect(plan, plan).toContain(searchIndexName('frm_orders'));
  });
});

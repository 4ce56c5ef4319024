import autocannon from 'autocannon';
import { type BenchServer, call, rssMb, startBenchServer } from '../server';
import { type BenchContext, type Benchmark, type BenchOutcome, stats } from '../types';

/** A quote-like form: a phone to normalise, money, formulas and a small table, as staff fill it. */
export const BENCH_FORM = {
  id: 'frm_bench_quote',
  title: { zh: '报价单', en: 'Quote' },
  fields: [
    { id: 'f_customer', type: 'text', label: { zh: '客户', en: 'Customer' }, required: true },
    { id: 'f_mobile', type: 'phone', label: { zh: '手机', en: 'Mobile' }, required: true },
    { id: 'f_msrp', type: 'money', label: { zh: '指导价', en: 'MSRP' }, required: true },
    { id: 'f_discount', type: 'money', label: { zh: '优惠', en: 'Discount' } },
    {
      id: 'f_price',
      type: 'formula',
      label: { zh: '成交价', en: 'Price' },
      expression: 'f_msrp - f_discount',
      resultType: 'money',
    },
    {
      id: 'f_pct',
      type: 'formula',
      label: { zh: '优惠比例', en: 'Discount %' },
      expression: 'f_discount / f_msrp',
      resultType: 'number',
      precision: 4,
    },
    {
      id: 'f_items',
      type: 'subform',
      label: { zh: '精品', en: 'Accessories' },
      fields: [
        { id: 'f_item', type: 'text', label: { zh: '项目', en: 'Item' } },
        { id: 'f_amount', type: 'money', label: { zh: '金额', en: 'Amount' } },
      ],
    },
    {
      id: 'f_items_total',
      type: 'rollup',
      label: { zh: '精品合计', en: 'Accessories' },
      source: { subform: 'f_items' },
      aggregate: 'sum',
      field: 'f_amount',
      resultType: 'money',
    },
  ],
};

export const BENCH_RECORD = {
  f_customer: '陈先生',
  f_mobile: '13800138000',
  f_msrp: '189800.00',
  f_discount: '8000.00',
  f_items: [
    { f_item: '脚垫', f_amount: '680.00' },
    { f_item: '贴膜', f_amount: '3200.00' },
  ],
};

const PAIRS = 3;
const SECONDS = 4;

interface Load {
  path: string;
  body: unknown;
  records: number;
  /** Records the server acknowledged (2xx) over all runs of this load, for the correctness check. */
  acknowledged?: number;
}

/** Requests per second of one autocannon run at the given concurrency; any non-2xx answer fails the run. */
async function rate(
  server: BenchServer,
  load: Load,
  connections: number,
  seconds = SECONDS,
): Promise<number> {
  const result = await autocannon({
    url: `${server.url}${load.path}`,
    method: 'POST',
    connections,
    pipelining: 1,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify(load.body),
  });
  if (result.non2xx || result.errors)
    throw new Error(`${load.path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  load.acknowledged = (load.acknowledged ?? 0) + result['2xx'] * load.records;
  return result.requests.average * load.records;
}

/** A/B/A/B with a discarded warm-up; the ratio is B over the A of the same pair. */
async function alternate(server: BenchServer, a: Load, b: Load, connections: number) {
  await rate(server, a, connections, 2);
  await rate(server, b, connections, 2);
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    as.push(await rate(server, a, connections));
    bs.push(await rate(server, b, connections));
  }
  return { a: stats(as), b: stats(bs), ratio: stats(bs.map((v, i) => v / as[i]!)) };
}

/** The bench app and its quote form, created and published through the API. */
export async function installBenchForm(server: BenchServer): Promise<void> {
  await call(server, 'POST', '/api/apps', { id: 'app_bench', name: { zh: '基准', en: 'Bench' } });
  await call(server, 'POST', '/api/apps/app_bench/forms', BENCH_FORM);
  await call(server, 'POST', `/api/forms/${BENCH_FORM.id}/publish`);
}

async function prepare(context: BenchContext, mode: 'postgres' | 'pglite') {
  const server = await startBenchServer(context.repoRoot, mode);
  await installBenchForm(server);
  const created = await call(server, 'POST', `/api/forms/${BENCH_FORM.id}/records`, { data: BENCH_RECORD });
  const raw = { workspaceId: server.workspaceId, formId: BENCH_FORM.id };
  return { server, stored: created.data as Record<string, unknown>, raw };
}

export const recordCreate: Benchmark = {
  id: 'B1',
  title: 'create records through HTTP (one, and 100 a request) against a raw insert',
  target: 'B1 ≥ 0.5× raw insert at c=10; B1b ≥ 10,000 records/s',
  async run(context) {
    const outcomes: BenchOutcome[] = [];
    for (const mode of context.modes) {
      const { server, stored, raw } = await prepare(context, mode);
      const idleMb = rssMb(server.pid);
      try {
        const singles: Load = {
          path: `/api/forms/${BENCH_FORM.id}/records`,
          body: { data: BENCH_RECORD },
          records: 1,
        };
        const one = await alternate(
          server,
          { path: '/api/bench/raw-insert', body: { ...raw, records: [stored] }, records: 1 },
          singles,
          10,
        );
        context.log(`${mode} B1: ${one.b.median} records/s vs raw ${one.a.median}`);
        outcomes.push({
          id: 'B1',
          mode,
          status: 'measured',
          unit: 'records/s',
          value: one.b,
          baseline: { label: 'raw insert of the same row, same pool, c=10', value: one.a },
          ratio: one.ratio,
          target: '≥ 0.5× raw',
          meetsTarget: one.ratio.median >= 0.5,
        });
        const hundred = Array.from({ length: 100 }, () => BENCH_RECORD);
        const batches: Load = {
          path: `/api/forms/${BENCH_FORM.id}/records/batch`,
          body: { records: hundred },
          records: 100,
        };
        const batch = await alternate(
          server,
          {
            path: '/api/bench/raw-insert',
            body: { ...raw, records: hundred.map(() => stored) },
            records: 100,
          },
          batches,
          4,
        );
        context.log(`${mode} B1b: ${batch.b.median} records/s vs raw ${batch.a.median}`);
        outcomes.push({
          id: 'B1b',
          mode,
          status: 'measured',
          unit: 'records/s',
          value: batch.b,
          baseline: { label: 'raw insert of 100 rows a request, c=4', value: batch.a },
          ratio: batch.ratio,
          target: '≥ 10,000 records/s',
          meetsTarget: batch.b.median >= 10_000,
        });
        outcomes.push(
          await ledgerCheck(server, mode, 1 + (singles.acknowledged ?? 0) + (batches.acknowledged ?? 0)),
        );
        const loadedMb = rssMb(server.pid);
        outcomes.push({
          id: 'B10',
          mode,
          status: 'measured',
          unit: 'MB RSS after the B1 loads',
          value: stats([loadedMb]),
          baseline: { label: 'MB RSS idle, after start', value: stats([idleMb]) },
          ratio: stats([loadedMb / idleMb]),
          target: mode === 'postgres' ? 'idle ≤ 150 MB' : 'idle ≤ 400 MB',
          meetsTarget: idleMb <= (mode === 'postgres' ? 150 : 400),
          note: 'about a minute of load, not the 10 minutes of the growth target',
        });
      } finally {
        await server.stop();
      }
    }
    const b1 = (mode: string) => outcomes.find((o) => o.id === 'B1' && o.mode === mode);
    const pg = b1('postgres');
    const lite = b1('pglite');
    if (pg?.status === 'measured' && lite?.status === 'measured') {
      outcomes.push({
        id: 'B11',
        mode: 'pglite vs postgres (B1)',
        status: 'measured',
        unit: 'records/s on PGlite',
        value: lite.value,
        baseline: { label: 'records/s on PostgreSQL, same run', value: pg.value },
        ratio: stats([lite.value.median / pg.value.median]),
        target: '≥ 0.3×',
        meetsTarget: lite.value.median / pg.value.median >= 0.3,
      });
    }
    return outcomes;
  },
};

/**
 * After the loads: every acknowledged create is stored exactly once, with exactly one create entry
 * in its history (the client counts 2xx answers; the server's tables are counted).
 */
async function ledgerCheck(server: BenchServer, mode: string, acknowledged: number): Promise<BenchOutcome> {
  const ledger = (await call(server, 'GET', `/api/bench/ledger/${BENCH_FORM.id}`)) as {
    records: number;
    history: number;
    distinct_history: number;
  };
  // A load that stops on a deadline leaves requests in flight: the server stores them, the client
  // never counts them. Those are extra, not duplicates; a duplicate is a second create of one record.
  const lost = Math.max(0, acknowledged - ledger.records);
  const duplicated = ledger.history - ledger.distinct_history + Math.abs(ledger.records - ledger.history);
  return {
    id: 'B1',
    mode: `${mode} correctness`,
    status: 'measured',
    unit: 'acknowledged records lost or duplicated',
    value: stats([lost + duplicated]),
    target: '0',
    meetsTarget: lost + duplicated === 0,
    note: `${acknowledged} acknowledged, ${ledger.records} stored (the rest were in flight when a timed run ended), ${ledger.history} create history rows`,
  };
}

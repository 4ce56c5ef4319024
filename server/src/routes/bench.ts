import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { compileQuery, newId } from '@forecourt/engine';
import type { RecordQuery } from '@forecourt/schemas';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { RouteDeps } from './deps';

const Rows = Type.Object(
  {
    workspaceId: Type.String(),
    formId: Type.String(),
    records: Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1, maxItems: 1000 }),
  },
  { additionalProperties: false },
);

/**
 * Raw baselines for the benchmarks (docs/performance.md), served by the same process and pool as
 * the real routes. Registered only when FORECOURT_BENCH=1: they skip auth, validation and history
 * on purpose, so they never exist in a normal start.
 */
export const benchRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const config = { access: 'public' as const };
  const schema = { hide: true };

  app.get('/api/bench/plain', { config, schema }, async () => ({ ok: true }));

  /** Correctness after a load: what the records, history and outbox of a form hold. */
  app.get('/api/bench/ledger/:formId', { config, schema }, async (request) => {
    const { formId } = request.params as { formId: string };
    const { rows } = await sql<{ records: number; history: number; distinct_history: number }>`
      select (select count(*)::int from records where form_id = ${formId} and created_by is not null) as records,
             (select count(*)::int from record_history where form_id = ${formId} and action = 'create') as history,
             (select count(distinct record_id)::int from record_history where form_id = ${formId} and action = 'create') as distinct_history`.execute(
      db,
    );
    return rows[0];
  });

  app.post('/api/bench/raw-insert', { config, schema: { ...schema, body: Rows } }, async (request, reply) => {
    const { workspaceId, formId, records } = request.body;
    const now = new Date();
    await db
      .insertInto('records')
      .values(
        records.map((data) => ({
          id: newId('rec'),
          workspace_id: workspaceId,
          form_id: formId,
          form_version: 1,
          data: JSON.stringify(data),
          owner_id: null,
          dept_id: null,
          flow_state: null,
          unconverted: null,
          created_by: null,
          updated_by: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    return reply.code(201).send({ inserted: records.length });
  });
};

/**
 * Bulk seed for the list benchmark: repair orders generated in SQL (INSERT … SELECT over
 * generate_series), deterministic, dealership-shaped, without the API. Then ANALYZE.
 */
export const benchSeedRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const body = Type.Object(
    {
      workspaceId: Type.String(),
      formId: Type.String(),
      from: Type.Integer({ minimum: 1 }),
      to: Type.Integer({ minimum: 1 }),
      /** Owners and departments given to the records in turn (the access benchmark's scopes). */
      owners: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
      departments: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    },
    { additionalProperties: false },
  );
  app.post(
    '/api/bench/seed-ro',
    { config: { access: 'public' }, schema: { hide: true, body } },
    async (request) => {
      const { workspaceId, formId, from, to } = request.body;
      const owners = request.body.owners ?? [null];
      const departments = request.body.departments ?? [null];
      await sql`
      insert into records (id, workspace_id, form_id, form_version, owner_id, dept_id, data, created_at, updated_at)
      select 'rec_b' || lpad(i::text, 12, '0'), ${workspaceId}, ${formId}, 1,
        (${sql`array[${sql.join(owners)}]::text[]`})[1 + i % ${owners.length}],
        (${sql`array[${sql.join(departments)}]::text[]`})[1 + (i / ${owners.length}) % ${departments.length}],
        jsonb_build_object(
          'f_ro_no', 'RO-' || lpad(i::text, 8, '0'),
          'f_plate', '浙A' || lpad((i % 100000)::text, 5, '0'),
          'f_status', (array['CheckIn','InProgress','QC','Delivered','Paid','Cancelled'])[1 + i % 6],
          'f_total', ((i * 7919) % 600000 / 100.0)::numeric(12,2)::text,
          'f_odometer', (i * 104729) % 200000,
          'f_promised_at', to_char(timestamp '2024-01-01' + (i % 1000) * interval '1 day' + (i % 600) * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"'),
          'f_advisor_name', '顾问' || (i % 40)),
        timestamptz '2024-01-01' + i * interval '1 second', timestamptz '2024-01-01' + i * interval '1 second'
      from generate_series(${from}::bigint, ${to}::bigint) as i`.execute(db);
      await sql`analyze records`.execute(db);
      return { inserted: to - from + 1 };
    },
  );
};

/** B3's baseline: the very SQL the query compiler emits for a query, run raw (no auth, no timeout, no mapping). */
export const benchQueryRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const body = Type.Object(
    { workspaceId: Type.String(), formId: Type.String(), query: Type.Record(Type.String(), Type.Unknown()) },
    { additionalProperties: false },
  );
  app.post(
    '/api/bench/raw-query',
    { config: { access: 'public' }, schema: { hide: true, body } },
    async (request) => {
      const { workspaceId, formId, query } = request.body;
      const actor = { workspaceId, userId: 'bench', isAdmin: true, via: 'system' as const };
      const { statement } = await compileQuery(db, actor, formId, query as RecordQuery);
      const { rows } = await statement.execute(db);
      return rows;
    },
  );
};

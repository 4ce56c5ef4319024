import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { newId } from '@forecourt/engine';
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

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { pingDatabase } from '@forecourt/engine';
import { Type } from 'typebox';
import { DATABASE_RETRY_AFTER_SECONDS } from '../http/errors';
import type { RouteDeps } from './deps';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  mode: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  uptimeSeconds: Type.Number(),
  database: Type.Object({ reachable: Type.Boolean(), latencyMs: Type.Number() }),
});

export const healthRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db, mode, version }) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        operationId: 'getHealth',
        tags: ['system'],
        summary: 'Liveness and database reachability',
        security: [],
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const ping = await pingDatabase(db);
      if (!ping.ok) reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return reply.code(ping.ok ? 200 : 503).send({
        status: ping.ok ? 'ok' : 'degraded',
        version,
        mode,
        uptimeSeconds: Math.round(process.uptime()),
        database: { reachable: ping.ok, latencyMs: ping.latencyMs },
      });
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { latestNotificationId, listNotifications, markNotificationsRead } from '@forecourt/engine';
import { Notification } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, errors } from '../http/schemas';
import type { RouteDeps } from './deps';

const NumericId = Type.String({ pattern: '^[0-9]{1,18}$' });

/** How often the live stream looks for new notifications, and sends a comment to keep proxies open. */
const POLL_MS = 1_000;
const HEARTBEAT_MS = 15_000;
/**
 * A stream ends after this long and the browser reconnects (`retry`), so a logout, a disabled user
 * or a revoked token stops it within minutes: the credentials are checked again on reconnect.
 */
const STREAM_MS = 5 * 60_000;

export const notificationRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { db }) => {
  const tags = ['tasks'];
  // Open streams end when the server closes, so that shutdown does not wait for browsers.
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  app.get(
    '/api/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        tags,
        summary: 'My notifications, newest first (`before` pages back)',
        querystring: Type.Object(
          {
            unread: Type.Optional(Type.Boolean()),
            before: Type.Optional(NumericId),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ notifications: Type.Array(Notification) }),
          ...errors(...AUTH_ERRORS),
        },
      },
    },
    async (request) => ({ notifications: await listNotifications(db, actorOf(request), request.query) }),
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        operationId: 'markNotificationsRead',
        tags,
        summary: 'Mark notifications read: the listed ids, or all',
        body: Type.Object(
          {
            ids: Type.Optional(Type.Array(NumericId, { maxItems: 500 })),
            all: Type.Optional(Type.Literal(true)),
          },
          { additionalProperties: false, title: 'NotificationsRead' },
        ),
        response: { 200: Type.Object({ marked: Type.Integer() }), ...errors(...AUTH_ERRORS, 422) },
      },
    },
    async (request) => ({
      marked: await markNotificationsRead(
        db,
        actorOf(request),
        request.body.all ? 'all' : (request.body.ids ?? []),
      ),
    }),
  );

  app.get(
    '/api/notifications/stream',
    {
      schema: {
        operationId: 'streamNotifications',
        tags,
        summary:
          'Server-sent events: each new notification as `event: notification`, so an open inbox updates live (polls the database, so every server process can serve it)',
        produces: ['text/event-stream'],
        response: { 200: Type.String({ description: 'An event stream' }), ...errors(...AUTH_ERRORS) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // A reconnecting browser sends the last id it saw: it gets what arrived meanwhile.
      const latest = await latestNotificationId(db, actor);
      const resume = request.headers['last-event-id'];
      let last = typeof resume === 'string' && /^[0-9]{1,18}$/.test(resume) ? resume : latest;
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      out.write(`retry: 3000\n: connected\n\n`);
      let closed = false;
      let busy = false;
      const poll = setInterval(async () => {
        if (closed || busy) return;
        busy = true;
        try {
          const fresh = await listNotifications(db, actor, { after: last, limit: 100 });
          for (const n of fresh) {
            out.write(`id: ${n.id}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`);
            last = n.id;
          }
        } catch (error) {
          request.log.warn({ err: error }, 'notification stream poll failed');
        } finally {
          busy = false;
        }
      }, POLL_MS);
      const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const lifetime = setTimeout(() => end(), STREAM_MS);
      const stop = () => {
        closed = true;
        clearInterval(poll);
        clearInterval(heartbeat);
        clearTimeout(lifetime);
      };
      const end = () => {
        stop();
        out.end();
      };
      open.add(end);
      request.raw.on('close', () => {
        stop();
        open.delete(end);
      });
    },
  );
};

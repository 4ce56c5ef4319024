import {
  type Actor,
  actorForApiToken,
  actorForSession,
  audit,
  type Database,
  ForbiddenError,
  UnauthorizedError,
} from '@forecourt/engine';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { isDatabaseUnavailable } from './errors';

export type Access = 'public' | 'user' | 'admin';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
  interface FastifyContextConfig {
    /** Who may call the route; `user` when absent. */
    access?: Access;
  }
}

export const SESSION_COOKIE = 'fc_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authentication happens before the body is read: a bearer token (integrations, no CSRF) or the
 * session cookie (the web app, CSRF-checked on every write). Each route declares its access.
 */
export function registerAuth(app: FastifyInstance, db: Kysely<Database>): void {
  app.decorateRequest('actor', undefined);
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config?.access ?? 'user';
    if (access === 'public') {
      // A public route answers anonymous callers anyway; when the database is out of reach the caller
      // is taken as anonymous (never more), so that /api/health can say so with or without a cookie.
      request.actor = await identify(db, request, reply, access).catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) return undefined;
        throw error;
      });
      return;
    }
    request.actor = await identify(db, request, reply, access);
    if (!request.actor) throw new UnauthorizedError();
    // A scoped token reaches records of its apps, never the workspace's settings, even for an admin.
    if (access === 'admin' && request.actor.scopes)
      throw new ForbiddenError('This API token is limited to app data.');
    if (access === 'admin' && !request.actor.isAdmin)
      throw new ForbiddenError('Only administrators can do this.');
    if (request.actor.via === 'session' && UNSAFE.has(request.method) && !passesCsrf(app, request, reply))
      return reply;
  });
  // Before the answer leaves, not after: a client that waits for each answer before the next request
  // then finds the lines in the order it made them, as an auditor reading the log expects.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.actor?.via === 'token') await auditTokenRequest(db, request, reply);
    return payload;
  });
}

/**
 * Every request an integration makes leaves a line, refused ones included, written as the answer is
 * sent (one insert of latency per token request). A failure to write is logged and the answer still goes.
 */
async function auditTokenRequest(db: Kysely<Database>, request: FastifyRequest, reply: FastifyReply) {
  const actor = request.actor;
  if (!actor) return;
  try {
    await audit(db, actor, {
      action: 'api.request',
      details: {
        method: request.method,
        route: request.routeOptions.url ?? null,
        path: request.url.split('?')[0],
        status: reply.statusCode,
      },
      ip: request.ip,
    });
  } catch (error) {
    request.log.error({ err: error }, 'could not write the audit line of an API token request');
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthorizedError();
  return request.actor;
}

async function identify(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  access: Access,
): Promise<Actor | undefined> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const actor = token ? await actorForApiToken(db, token) : undefined;
    if (!actor && access !== 'public') {
      throw new UnauthorizedError('The API token is invalid, expired or revoked.');
    }
    return actor;
  }
  const session = request.cookies[SESSION_COOKIE];
  if (!session) return undefined;
  const actor = await actorForSession(db, session);
  if (!actor) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    if (access !== 'public') throw new UnauthorizedError('Your session has ended. Please log in again.');
  }
  return actor;
}

/** @fastify/csrf-protection answers a failure itself (403); we only learn whether it passed. */
function passesCsrf(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): boolean {
  let passed = false;
  app.csrfProtection(request, reply, () => {
    passed = true;
  });
  return passed;
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  audit,
  checkPasswordPolicy,
  type Database,
  findUserByEmail,
  getUser,
  type LoginResult,
  login,
  revokeSession,
  setPassword,
  TooManyRequestsError,
  UnauthorizedError,
  userOrg,
  ValidationError,
  verifyPassword,
} from '@forecourt/engine';
import { LoggedIn, Me } from '@forecourt/schemas/api';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { actorOf, SESSION_COOKIE } from '../http/auth';
import { AUTH_ERRORS, body, Email, errors, NoContent, Password } from '../http/schemas';
import type { RouteDeps } from './deps';

export const authRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { db } = deps;
  /** Refused logins waiting for their answer to be sent before they are audited. */
  const refusals = new WeakMap<FastifyRequest, { email: string; error: unknown }>();

  app.post(
    '/api/auth/login',
    {
      // @fastify/rate-limit keys by request.ip, an IPv6 client by its /64 (its default), like the throttle.
      config: { access: 'public', rateLimit: { max: deps.loginRateLimit, timeWindow: '1 minute' } },
      // A refused login is audited only once its answer is out: looking up the account and writing the
      // line must not make a known e-mail's 401/429 slower than an unknown one's.
      onResponse: async (request) => {
        const refusal = refusals.get(request);
        if (refusal) await auditFailedLogin(db, request, refusal.email, refusal.error);
      },
      schema: {
        operationId: 'logIn',
        tags: ['auth'],
        summary: 'Log in with e-mail and password; sets the session cookie',
        security: [],
        body: body({ email: Email, password: Password }, 'Login'),
        response: {
          200: LoggedIn,
          ...errors(400, 401, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      // Not one transaction: a failed attempt must stay counted when the login is refused.
      let result: LoginResult;
      try {
        result = await login(db, request.body.email, request.body.password, request.ip, deps.loginPolicy);
      } catch (error) {
        refusals.set(request, { email: request.body.email, error });
        throw error;
      }
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.cookieSecure,
        expires: result.expiresAt,
      });
      request.actor = {
        workspaceId: result.user.workspaceId,
        userId: result.user.id,
        isAdmin: result.user.isAdmin,
        via: 'session',
        sessionId: result.sessionId,
      };
      await audit(db, request.actor, {
        action: 'auth.login',
        targetType: 'user',
        targetId: result.user.id,
        ip: request.ip,
      });
      return { user: result.user, csrfToken: reply.generateCsrf({ userInfo: result.sessionId }) };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        operationId: 'logOut',
        tags: ['auth'],
        summary: 'End the current session',
        response: { 204: NoContent, ...errors(...AUTH_ERRORS) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.sessionId) await revokeSession(db, actor.sessionId);
      await audit(db, actor, {
        action: 'auth.logout',
        targetType: 'user',
        targetId: actor.userId,
        ip: request.ip,
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'The logged-in user, their departments and roles, and a fresh CSRF token',
        response: { 200: Me, ...errors(...AUTH_ERRORS) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const user = await getUser(db, actor.workspaceId, actor.userId);
      const org = await userOrg(db, actor.workspaceId, actor.userId);
      const csrfToken = actor.sessionId ? reply.generateCsrf({ userInfo: actor.sessionId }) : undefined;
      return { user, ...org, ...(csrfToken ? { csrfToken } : {}) };
    },
  );

  app.put(
    '/api/me/password',
    {
      schema: {
        operationId: 'changeMyPassword',
        tags: ['auth'],
        summary: 'Change my own password; ends all my sessions',
        body: body({ currentPassword: Password, newPassword: Password }, 'PasswordChange'),
        response: { 204: NoContent, ...errors(...AUTH_ERRORS, 422) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      if (!(await verifyPassword(row.password_hash, request.body.currentPassword))) {
        throw new ValidationError('The current password is wrong.', [
          { path: '/currentPassword', message: 'This is not your current password.' },
        ]);
      }
      checkPasswordPolicy(request.body.newPassword, '/newPassword');
      await setPassword(db, actor.workspaceId, actor.userId, request.body.newPassword);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};

/**
 * A refused login is written to the workspace of the account it named (an unknown address has no
 * workspace to write to, so it leaves no line). The password is never part of the line. Runs after the
 * answer is sent; a failure is logged, never thrown.
 */
async function auditFailedLogin(
  db: Kysely<Database>,
  request: FastifyRequest,
  email: string,
  error: unknown,
): Promise<void> {
  if (!(error instanceof UnauthorizedError || error instanceof TooManyRequestsError)) return;
  try {
    const user = await findUserByEmail(db, email);
    if (!user) return;
    const reason =
      error instanceof TooManyRequestsError
        ? 'throttled'
        : user.status !== 'active'
          ? 'disabled'
          : 'wrong_password';
    await audit(
      db,
      { workspaceId: user.workspace_id, userId: null, via: 'anonymous' },
      {
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: user.id,
        details: { email, reason },
        ip: request.ip,
      },
    );
  } catch (failure) {
    request.log.error({ err: failure }, 'could not write the audit line of a failed login');
  }
}

import type { Selectable } from 'kysely';
import type { Executor, SessionsTable, UsersTable } from '../db/schema';
import type { Actor } from './actor';
import { sha256 } from './hash';

export async function createSession(
  db: Executor,
  user: Pick<Selectable<UsersTable>, 'id' | 'workspace_id'>,
  token: string,
  hours: number,
): Promise<Selectable<SessionsTable>> {
  return db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      workspace_id: user.workspace_id,
      user_id: user.id,
      expires_at: new Date(Date.now() + hours * 3_600_000),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The actor behind a session cookie, or undefined when it is unknown, expired, revoked or its user disabled. */
export async function actorForSession(db: Executor, token: string): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.workspace_id', 'sessions.user_id', 'users.is_admin'])
    .where('sessions.id', '=', sha256(token))
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', new Date())
    .where('users.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    workspaceId: row.workspace_id,
    userId: row.user_id,
    isAdmin: row.is_admin,
    via: 'session',
    sessionId: row.id,
  };
}

export async function revokeSession(db: Executor, sessionId: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

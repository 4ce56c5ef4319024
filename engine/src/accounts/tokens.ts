import type { Selectable } from 'kysely';
import type { ApiTokensTable, Executor } from '../db/schema';
import { NotFoundError, ValidationError } from '../errors';
import { newId, newSecret } from '../ids';
import type { Actor } from './actor';
import { sha256 } from './hash';

const TOKEN_PREFIX = 'fct_';

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

function tokenView(row: Selectable<ApiTokensTable>): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

/** Creates a token for the actor's own user. The secret is in the result once and nowhere else. */
export async function createApiToken(
  db: Executor,
  actor: Actor,
  input: { name: string; expiresAt?: string },
): Promise<{ token: string; apiToken: ApiTokenView }> {
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= new Date()) {
    throw new ValidationError('The expiry is in the past.', [
      { path: '/expiresAt', message: 'Choose a moment in the future.' },
    ]);
  }
  const token = TOKEN_PREFIX + newSecret();
  const row = await db
    .insertInto('api_tokens')
    .values({
      id: newId('tok'),
      workspace_id: actor.workspaceId,
      user_id: actor.userId,
      name: input.name.trim(),
      token_hash: sha256(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      expires_at: expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, apiToken: tokenView(row) };
}

export async function listApiTokens(db: Executor, actor: Actor): Promise<ApiTokenView[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('user_id', '=', actor.userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(tokenView);
}

/** Revokes one of the actor's tokens (an admin may revoke any token of the workspace). */
export async function revokeApiToken(db: Executor, actor: Actor, tokenId: string): Promise<void> {
  let query = db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null);
  if (!actor.isAdmin) query = query.where('user_id', '=', actor.userId);
  const result = await query.executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new NotFoundError('The API token');
}

/** The actor behind a bearer token, or undefined when it is unknown, expired, revoked or its user disabled. */
export async function actorForApiToken(db: Executor, token: string): Promise<Actor | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const now = new Date();
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.workspace_id',
      'api_tokens.user_id',
      'api_tokens.last_used_at',
      'users.is_admin',
    ])
    .where('api_tokens.token_hash', '=', sha256(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return undefined;
  // Usage is recorded at minute granularity so that busy integrations do not write on every request.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return {
    workspaceId: row.workspace_id,
    userId: row.user_id,
    isAdmin: row.is_admin,
    via: 'token',
    tokenId: row.id,
  };
}

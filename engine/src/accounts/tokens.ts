import type { ApiToken, NewApiTokenAnswer } from '@forecourt/schemas/api';
import type { Selectable } from 'kysely';
import type { ApiTokensTable, Executor, TokenScope } from '../db/schema';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { newId, newSecret } from '../ids';
import type { Actor } from './actor';
import { sha256 } from './hash';

const TOKEN_PREFIX = 'fct_';

export type ApiTokenView = ApiToken;

/** A token may list at most this many apps; more would be an unscoped token in disguise. */
export const MAX_TOKEN_SCOPES = 50;

function tokenView(row: Selectable<ApiTokensTable>): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    scopes: row.scopes ?? null,
  };
}

/** Creates a token for the actor's own user. The secret is in the result once and nowhere else. */
export async function createApiToken(
  db: Executor,
  actor: Actor,
  input: { name: string; expiresAt?: string; scopes?: TokenScope[] },
): Promise<NewApiTokenAnswer> {
  // A scoped token minting an unscoped one would escape its own limits.
  if (actor.scopes) throw new ForbiddenError('This API token is limited to app data.');
  const scopes = input.scopes ? await checkScopes(db, actor.workspaceId, input.scopes) : null;
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
      scopes: scopes ? JSON.stringify(scopes) : null,
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
      'api_tokens.scopes',
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
    ...(row.scopes ? { scopes: row.scopes } : {}),
  };
}

/** Scopes name apps of the workspace, each once; anything else is a 422 naming the entry. */
async function checkScopes(db: Executor, workspaceId: string, scopes: TokenScope[]): Promise<TokenScope[]> {
  if (scopes.length === 0 || scopes.length > MAX_TOKEN_SCOPES) {
    throw new ValidationError(`The token must list between 1 and ${MAX_TOKEN_SCOPES} apps.`, [
      {
        path: '/scopes',
        message: `List 1 to ${MAX_TOKEN_SCOPES} apps, or leave scopes out for a token that can do what you can.`,
      },
    ]);
  }
  const ids = [...new Set(scopes.map((s) => s.appId))];
  const known = new Set(
    ids.length
      ? (
          await db
            .selectFrom('apps')
            .select('id')
            .where('workspace_id', '=', workspaceId)
            .where('id', 'in', ids)
            .execute()
        ).map((a) => a.id)
      : [],
  );
  const seen = new Set<string>();
  const problems = scopes.flatMap((scope, i) => {
    const path = `/scopes/${i}/appId`;
    if (!known.has(scope.appId)) return [{ path, message: 'There is no such app in this workspace.' }];
    if (seen.has(scope.appId)) return [{ path, message: 'This app is listed twice.' }];
    seen.add(scope.appId);
    return [];
  });
  if (problems.length) throw new ValidationError('Some scopes are not valid.', problems);
  return scopes.map((s) => ({ appId: s.appId, access: s.access }));
}

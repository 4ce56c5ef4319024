import type { AuditEntry, AuditPage } from '@forecourt/schemas/api';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { ForbiddenError, ValidationError } from '../errors';

/** What an admin may narrow the audit log by; every condition is optional and they all apply. */
export interface AuditQuery {
  /** An exact action (`user.create`) or a prefix ending in `.*` (`auth.*`). */
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** ISO timestamps; both ends are included. */
  from?: string;
  to?: string;
  /** 1..200, 50 when absent. */
  limit?: number;
  /** The `next` of the previous page. */
  cursor?: string;
}

export type { AuditEntry, AuditPage };

export const MAX_AUDIT_PAGE = 200;

/**
 * The workspace's audit log, newest first, for administrators. Pages by keyset on the id so that
 * new events arriving between requests neither repeat nor skip entries.
 */
export async function queryAudit(db: Executor, actor: Actor, query: AuditQuery = {}): Promise<AuditPage> {
  if (!actor.isAdmin || actor.scopes) throw new ForbiddenError('Only administrators can read the audit log.');
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) {
    throw invalid('/limit', `Ask for 1 to ${MAX_AUDIT_PAGE} entries.`);
  }
  const from = moment(query.from, '/from');
  const to = moment(query.to, '/to');
  if (from && to && from > to) throw invalid('/to', 'The end is before the start.');
  const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor);

  let select = db
    .selectFrom('audit_log')
    .leftJoin('users', (join) =>
      join
        .onRef('users.id', '=', 'audit_log.actor_id')
        .onRef('users.workspace_id', '=', 'audit_log.workspace_id'),
    )
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_id',
      'users.name as actor_name',
      'audit_log.via',
      'audit_log.token_id',
      'audit_log.action',
      'audit_log.target_type',
      'audit_log.target_id',
      'audit_log.details',
      'audit_log.ip',
    ])
    .where('audit_log.workspace_id', '=', actor.workspaceId);
  if (query.action !== undefined) {
    const prefix = actionPrefix(query.action);
    select =
      prefix === undefined
        ? select.where('audit_log.action', '=', query.action)
        : select.where('audit_log.action', 'like', `${escapeLike(prefix)}%`);
  }
  if (query.actorId !== undefined) select = select.where('audit_log.actor_id', '=', query.actorId);
  if (query.targetType !== undefined) select = select.where('audit_log.target_type', '=', query.targetType);
  if (query.targetId !== undefined) select = select.where('audit_log.target_id', '=', query.targetId);
  if (from) select = select.where('audit_log.at', '>=', from);
  // Times are stored to the microsecond but given to the millisecond: `to` includes its whole millisecond.
  if (to) select = select.where('audit_log.at', '<', new Date(to.getTime() + 1));
  if (before !== undefined) select = select.where('audit_log.id', '<', before);

  const rows = await select
    .orderBy('audit_log.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const entries = page.map((row) => ({
    id: String(row.id),
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    via: row.via,
    tokenId: row.token_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details,
    ip: row.ip,
  }));
  const last = entries.at(-1);
  return { entries, next: rows.length > limit && last ? encodeCursor(last.id) : null };
}

/** `auth.*` → `auth.`; an exact action → undefined. */
function actionPrefix(action: string): string | undefined {
  return action.endsWith('.*') ? action.slice(0, -1) : undefined;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function moment(value: string | undefined, path: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw invalid(path, 'Give an ISO date and time, e.g. 2025-01-31T08:00:00Z.');
  return date;
}

/** Opaque to clients, so the paging scheme can change without breaking them. */
function encodeCursor(id: string): string {
  return Buffer.from(`a:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const id = /^a:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString())?.[1];
  if (!id) throw invalid('/cursor', 'Pass the `next` value of the previous page unchanged.');
  return id;
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError('The audit log query is not valid.', [{ path, message }]);
}

import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';

/** Something worth a line in the audit log: who did what to which thing. */
export interface AuditEvent {
  /** Dotted verb, e.g. `auth.login`, `permission_set.update`, `records.export`, `user.create`. */
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  ip?: string;
}

/** Who acted, when there is no logged-in user (a failed login, a public link). */
export interface AnonymousActor {
  workspaceId: string;
  userId: null;
  via: 'public' | 'anonymous';
}

/** Appends one event to the workspace's audit log, in the caller's transaction when it has one. */
export async function audit(db: Executor, actor: Actor | AnonymousActor, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      workspace_id: actor.workspaceId,
      actor_id: actor.userId,
      via: actor.via,
      token_id: 'tokenId' in actor ? (actor.tokenId ?? null) : null,
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      details: JSON.stringify(event.details ?? {}),
      ip: event.ip ?? null,
    })
    .execute();
}

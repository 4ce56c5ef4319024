import { type Static, Type } from 'typebox';
import { DateTime, Nullable } from './common';

/** One line of the audit log. */
export const AuditEntry = Type.Object(
  {
    id: Type.String(),
    at: DateTime(),
    actorId: Nullable(Type.String()),
    actorName: Nullable(Type.String(), {
      description: "The actor's current name (null for anonymous events or a user since removed)",
    }),
    via: Type.String({ description: 'session, token, system, public or anonymous' }),
    tokenId: Nullable(Type.String(), { description: 'The API token the request came through' }),
    action: Type.String({ description: 'e.g. auth.login, user.create, form.publish, api.request' }),
    targetType: Nullable(Type.String()),
    targetId: Nullable(Type.String()),
    details: Type.Record(Type.String(), Type.Unknown()),
    ip: Nullable(Type.String()),
  },
  { title: 'AuditEntry' },
);
export type AuditEntry = Static<typeof AuditEntry>;

/** `GET /api/audit`: newest first. */
export const AuditPage = Type.Object({
  entries: Type.Array(AuditEntry),
  next: Nullable(Type.String(), { description: 'Pass as cursor for older entries; null on the last page' }),
});
export type AuditPage = Static<typeof AuditPage>;

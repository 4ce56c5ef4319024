import type { FieldDef } from '@forecourt/schemas';
import type { PublicForm } from '@forecourt/schemas/api';
import type { Selectable } from 'kysely';
import type { Actor } from '../accounts/actor';
import { verifyPassword } from '../accounts/passwords';
import type { Executor, PublicLinksTable } from '../db/schema';
import { DomainError, NotFoundError } from '../errors';
import { formVersion } from '../forms/forms';
import { fillDefinition } from './fill-fields';

/** A public link as the anonymous side reads it: every request reads it afresh, so disabling is immediate. */
export type OpenLink = Selectable<PublicLinksTable>;

/**
 * The link behind a token, unless its form has been deleted. Not cached: a link an admin disables
 * must stop answering with the very next request.
 */
export async function findPublicLink(db: Executor, token: string): Promise<OpenLink | undefined> {
  return db
    .selectFrom('public_links as l')
    .innerJoin('forms as f', (join) =>
      join.onRef('f.id', '=', 'l.form_id').onRef('f.workspace_id', '=', 'l.workspace_id'),
    )
    .selectAll('l')
    .where('l.token', '=', token)
    .where('f.deleted_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Lets a visitor through a link, or says why not: an unknown or disabled link is "not found" (it
 * reveals nothing), an expired one 403, a missing or wrong password 401. The password is checked
 * with argon2 on every call, slow on purpose, and after the per-link rate limit has counted it.
 */
export async function admitVisitor(
  link: OpenLink | undefined,
  password: string | undefined,
  now = new Date(),
): Promise<OpenLink> {
  if (!link || link.disabled_at !== null) throw new NotFoundError('The link');
  if (link.expires_at && link.expires_at <= now) throw new DomainError('forbidden', 'This link has expired.');
  if (link.password_hash) {
    if (!password) throw new DomainError('unauthorized', 'This link needs a password.');
    if (!(await verifyPassword(link.password_hash, password)))
      throw new DomainError('unauthorized', 'The password is wrong.');
  }
  return link;
}

/**
 * Who writes a public submission: the pipeline's full rights on this one form (the link already
 * limits what may be sent), named after the link so history can tell which link it came through.
 */
export function linkActor(link: OpenLink): Actor {
  return { workspaceId: link.workspace_id, userId: link.id, isAdmin: false, via: 'system' };
}

export type { PublicForm };

/** The published form as the visitor sees it: the link's listed fill fields, or its query and result fields. */
export async function publicForm(db: Executor, link: OpenLink): Promise<PublicForm> {
  const { definition } = await formVersion(db, link.workspace_id, link.form_id);
  if (link.kind === 'fill')
    return { kind: link.kind, name: link.name, form: fillDefinition(definition, link.fill_fields) };
  const byId = new Map(definition.fields.map((f) => [f.id, f]));
  const pick = (ids: string[]) => ids.map((id) => byId.get(id)).filter((f): f is FieldDef => f !== undefined);
  const queryFields = pick(link.query_fields);
  const resultFields = pick(link.result_fields).filter((f) => !link.query_fields.includes(f.id));
  return {
    kind: link.kind,
    name: link.name,
    form: {
      id: definition.id,
      app: definition.app,
      title: definition.title,
      fields: [...queryFields, ...resultFields],
    },
    queryFields: queryFields.map((f) => f.id),
    resultFields: pick(link.result_fields).map((f) => f.id),
  };
}

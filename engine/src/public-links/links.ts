import type { FormDefinition } from '@forecourt/schemas';
import {
  type NewPublicLink,
  PUBLIC_LINK_RATE_LIMIT_MAX,
  type PublicLink,
  type PublicLinkKind,
  type PublicLinkUpdate,
} from '@forecourt/schemas/api';
import type { Selectable } from 'kysely';
import { managedForm } from '../access/form-access';
import type { Actor } from '../accounts/actor';
import { hashPassword } from '../accounts/passwords';
import { audit } from '../audit/audit';
import type { Executor, PublicLinksTable } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { type ErrorDetail, NotFoundError, ValidationError } from '../errors';
import { newId, newSecret } from '../ids';
import { queryableIssue } from './fields';
import { defaultFillFields, fillFieldIssues } from './fill-fields';

/** A public link as its managers see it, what makes one and what changes one: the API contract's. */
export type { PublicLink, PublicLinkKind };
export type PublicLinkInput = NewPublicLink;
export type PublicLinkChange = PublicLinkUpdate;

export const LINK_PASSWORD_MIN = 4;
export const LINK_PASSWORD_MAX = 200;
export const RATE_LIMIT_MAX = PUBLIC_LINK_RATE_LIMIT_MAX;
const DEFAULT_RATE_LIMIT = 30;

type LinkRow = Selectable<PublicLinksTable>;

export function publicLinkView(row: LinkRow): PublicLink {
  return {
    id: row.id,
    formId: row.form_id,
    kind: row.kind,
    name: row.name,
    token: row.token,
    url: `/p/${row.token}`,
    hasPassword: row.password_hash !== null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    enabled: row.disabled_at === null,
    channel: row.channel,
    rateLimit: row.rate_limit,
    queryFields: row.query_fields,
    resultFields: row.result_fields,
    fillFields: row.fill_fields,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function linkRow(db: Executor, actor: Actor, linkId: string): Promise<LinkRow> {
  const row = await db
    .selectFrom('public_links')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', linkId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The public link');
  return row;
}

export async function listPublicLinks(db: Executor, actor: Actor, formId: string): Promise<PublicLink[]> {
  await managedForm(db, actor, formId, 'its public links');
  const rows = await db
    .selectFrom('public_links')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('form_id', '=', formId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(publicLinkView);
}

/** Where an audit event says the request came from. */
export interface Origin {
  ip?: string;
}

export async function createPublicLink(
  db: Executor,
  actor: Actor,
  formId: string,
  input: PublicLinkInput,
  origin: Origin = {},
): Promise<PublicLink> {
  const definition = (await managedForm(db, actor, formId, 'its public links')).definition;
  const fillFields = input.fillFields ?? (input.kind === 'fill' ? defaultFillFields(definition) : []);
  const settings = checkSettings(definition, input.kind, { ...input, fillFields }, new Date());
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('public_links')
      .values({
        id: newId('lnk'),
        workspace_id: actor.workspaceId,
        form_id: formId,
        kind: input.kind,
        token: newSecret(),
        name: settings.name,
        password_hash: passwordHash,
        expires_at: settings.expiresAt,
        disabled_at: input.enabled === false ? new Date() : null,
        channel: settings.channel,
        rate_limit: settings.rateLimit,
        query_fields: JSON.stringify(settings.queryFields),
        result_fields: JSON.stringify(settings.resultFields),
        fill_fields: JSON.stringify(settings.fillFields ?? []),
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const link = publicLinkView(row);
    await audit(trx, actor, {
      action: 'public_link.create',
      targetType: 'public_link',
      targetId: link.id,
      details: {
        formId,
        kind: link.kind,
        name: link.name,
        hasPassword: link.hasPassword,
        enabled: link.enabled,
      },
      ip: origin.ip,
    });
    return link;
  });
}

export async function updatePublicLink(
  db: Executor,
  actor: Actor,
  linkId: string,
  change: PublicLinkChange,
  origin: Origin = {},
): Promise<PublicLink> {
  const current = publicLinkView(await linkRow(db, actor, linkId));
  const definition = (await managedForm(db, actor, current.formId, 'its public links')).definition;
  const now = new Date();
  // The fill list is checked only when it changes: a field deleted from the form since is simply not shown.
  const { fillFields: _kept, ...unchanged } = current;
  const merged = { ...unchanged, ...withoutUndefined(change) };
  // An expiry left as it was may have passed meanwhile; only a new one must lie ahead.
  const settings = checkSettings(definition, current.kind, merged, 'expiresAt' in change ? now : null);
  const passwordHash =
    change.password === undefined ? undefined : change.password ? await hashPassword(change.password) : null;
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('public_links')
      .set({
        name: settings.name,
        expires_at: settings.expiresAt,
        channel: settings.channel,
        rate_limit: settings.rateLimit,
        query_fields: JSON.stringify(settings.queryFields),
        result_fields: JSON.stringify(settings.resultFields),
        ...(settings.fillFields ? { fill_fields: JSON.stringify(settings.fillFields) } : {}),
        ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
        ...(change.enabled !== undefined && change.enabled !== current.enabled
          ? { disabled_at: change.enabled ? null : now }
          : {}),
        updated_at: now,
      })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', linkId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFoundError('The public link');
    const link = publicLinkView(row);
    await audit(trx, actor, {
      action: 'public_link.update',
      targetType: 'public_link',
      targetId: linkId,
      // Which settings changed, never the password itself.
      details: {
        formId: link.formId,
        changed: Object.keys(withoutUndefined(change)).sort(),
        enabled: link.enabled,
      },
      ip: origin.ip,
    });
    return link;
  });
}

export async function deletePublicLink(
  db: Executor,
  actor: Actor,
  linkId: string,
  origin: Origin = {},
): Promise<void> {
  const current = await linkRow(db, actor, linkId);
  await managedForm(db, actor, current.form_id, 'its public links');
  await inTransaction(db, async (trx) => {
    await trx
      .deleteFrom('public_links')
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', linkId)
      .execute();
    await audit(trx, actor, {
      action: 'public_link.delete',
      targetType: 'public_link',
      targetId: linkId,
      details: { formId: current.form_id, kind: current.kind, name: current.name },
      ip: origin.ip,
    });
  });
}

interface Settings {
  name: string;
  expiresAt: Date | null;
  channel: string | null;
  rateLimit: number;
  queryFields: string[];
  resultFields: string[];
  /** Undefined: left as it is. */
  fillFields?: string[];
}

/**
 * Checks a link's settings as a whole, naming every bad one. `now` is given when the expiry is being
 * set (a date already past is refused then), null when it is kept as it was.
 */
function checkSettings(
  definition: FormDefinition,
  kind: PublicLinkKind,
  input: Omit<PublicLinkChange, 'expiresAt'> & { expiresAt?: string | null },
  now: Date | null,
): Settings {
  const issues: ErrorDetail[] = [];
  const name = (input.name ?? '').trim();
  if (!name || name.length > 100)
    issues.push({ path: '/name', message: 'Give the link a name of 1 to 100 characters.' });
  if (
    input.password &&
    (input.password.length < LINK_PASSWORD_MIN || input.password.length > LINK_PASSWORD_MAX)
  )
    issues.push({
      path: '/password',
      message: `A link password needs ${LINK_PASSWORD_MIN} to ${LINK_PASSWORD_MAX} characters.`,
    });
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && Number.isNaN(expiresAt.getTime()))
    issues.push({ path: '/expiresAt', message: 'This is not a date and time.' });
  else if (expiresAt && now && expiresAt <= now)
    issues.push({ path: '/expiresAt', message: 'The expiry must lie in the future.' });
  const channel = input.channel?.trim() || null;
  if (channel && channel.length > 100)
    issues.push({ path: '/channel', message: 'A channel tag has at most 100 characters.' });
  const rateLimit = input.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (!Number.isInteger(rateLimit) || rateLimit < 1 || rateLimit > RATE_LIMIT_MAX)
    issues.push({ path: '/rateLimit', message: `Allow 1 to ${RATE_LIMIT_MAX} requests a minute.` });
  const queryFields = input.queryFields ?? [];
  const resultFields = input.resultFields ?? [];
  const fillFields = input.fillFields;
  if (kind === 'fill') {
    if (fillFields) issues.push(...fillFieldIssues(definition, fillFields));
    if (queryFields.length)
      issues.push({ path: '/queryFields', message: 'A fill link has no query fields.' });
    if (resultFields.length)
      issues.push({ path: '/resultFields', message: 'A fill link has no result fields.' });
  } else {
    issues.push(
      ...fieldIssues(definition, queryFields, 'query'),
      ...fieldIssues(definition, resultFields, 'result'),
    );
    if (fillFields?.length)
      issues.push({
        path: '/fillFields',
        message: 'A query link has no fill fields.',
        code: 'public_link.fill_fields_on_query',
      });
  }
  if (issues.length) throw new ValidationError('Some settings of the link are not valid.', issues);
  return { name, expiresAt, channel, rateLimit, queryFields, resultFields, fillFields };
}

function fieldIssues(definition: FormDefinition, ids: string[], role: 'query' | 'result'): ErrorDetail[] {
  const path = `/${role}Fields`;
  if (ids.length === 0)
    return [
      {
        path,
        message:
          role === 'query' ? 'Choose at least one field to search by.' : 'Choose at least one field to show.',
      },
    ];
  const issues: ErrorDetail[] = [];
  const byId = new Map(definition.fields.map((f) => [f.id, f]));
  for (const [index, id] of ids.entries()) {
    const problem =
      ids.indexOf(id) !== index ? 'This field is listed twice.' : queryableIssue(byId.get(id), role);
    if (problem) issues.push({ path: `${path}/${index}`, message: problem });
  }
  return issues;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import type { RecordComment } from '@forecourt/schemas/api';
import { formAccess } from '../access/form-access';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';

/** A comment beside a record, as the API answers it. */
export type { RecordComment };

export const MAX_COMMENT_LENGTH = 2000;
const MAX_MENTIONS = 20;

/**
 * Comments follow the record: whoever may view the record (a live one, reached by a `view` set, or
 * an admin of the form) reads and adds them; anyone else gets "not found", exactly as for the record.
 */
async function seesRecord(db: Executor, actor: Actor, formId: string, recordId: string): Promise<boolean> {
  const access = await formAccess(db, actor, formId).catch((error) => {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
    throw error;
  });
  if (!access) return false;
  const row = await db
    .selectFrom('records')
    .select(access.flags().as('_access'))
    .where('workspace_id', '=', actor.workspaceId)
    .where('form_id', '=', formId)
    .where('id', '=', recordId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined && access.reaches(row._access, 'view');
}

async function assertRecordVisible(db: Executor, actor: Actor, formId: string, recordId: string) {
  if (!(await seesRecord(db, actor, formId, recordId))) throw new NotFoundError('The record');
}

/**
 * The first mentioned person who could not open the record, if any: a mention sends them to the record
 * and its comments, and a notification about a record they cannot see would only tell them it exists.
 * Opening it means a permission set shows it to them (an approver without one sees the record on the
 * task page only, so mention them there by comment on the task instead).
 */
async function firstBlind(
  db: Executor,
  actor: Actor,
  formId: string,
  recordId: string,
  userIds: readonly string[],
): Promise<number> {
  if (!userIds.length) return -1;
  const people = await db
    .selectFrom('users')
    .select(['id', 'is_admin'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', 'in', userIds)
    .execute();
  const isAdmin = new Map(people.map((u) => [u.id, u.is_admin]));
  for (const [index, userId] of userIds.entries()) {
    const them: Actor = {
      workspaceId: actor.workspaceId,
      userId,
      isAdmin: isAdmin.get(userId) ?? false,
      via: 'session',
    };
    if (!(await seesRecord(db, them, formId, recordId))) return index;
  }
  return -1;
}

/** Comments are people's words: an app-scoped API token may read them but not write. */
function assertPerson(actor: Actor): void {
  if (actor.scopes || actor.via === 'system')
    throw new ForbiddenError('Comments are written by people; use a session or an unscoped token.');
}

/** A record's comments, oldest first. */
export async function listComments(
  db: Executor,
  actor: Actor,
  formId: string,
  recordId: string,
): Promise<RecordComment[]> {
  await assertRecordVisible(db, actor, formId, recordId);
  const rows = await db
    .selectFrom('record_comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .select(['c.id', 'c.record_id', 'c.author_id', 'u.name', 'c.body', 'c.mentions', 'c.created_at'])
    .where('c.workspace_id', '=', actor.workspaceId)
    .where('c.form_id', '=', formId)
    .where('c.record_id', '=', recordId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  const names = await userNames(db, actor.workspaceId, [...new Set(rows.flatMap((r) => r.mentions))]);
  return rows.map((row) => ({
    id: row.id,
    recordId: row.record_id,
    author: { id: row.author_id, name: row.name },
    body: row.body,
    mentions: row.mentions.map((id) => ({ id, name: names.get(id) ?? '' })),
    createdAt: row.created_at.toISOString(),
    mine: row.author_id === actor.userId,
  }));
}

/** Adds a comment; the people it @-mentions (active users of the workspace) get a notification. */
export async function addComment(
  db: Executor,
  actor: Actor,
  formId: string,
  recordId: string,
  input: { body: string; mentions?: readonly string[] },
): Promise<RecordComment> {
  assertPerson(actor);
  await assertRecordVisible(db, actor, formId, recordId);
  const body = input.body.trim();
  if (!body) throw new ValidationError('Write something first.', [{ path: '/body', message: 'Empty.' }]);
  if ([...body].length > MAX_COMMENT_LENGTH)
    throw new ValidationError('The comment is too long.', [
      { path: '/body', message: `At most ${MAX_COMMENT_LENGTH} characters.` },
    ]);
  const mentioned = [...new Set(input.mentions ?? [])];
  if (mentioned.length > MAX_MENTIONS)
    throw new ValidationError('Too many people mentioned.', [
      { path: '/mentions', message: `At most ${MAX_MENTIONS}.` },
    ]);
  const names = await userNames(db, actor.workspaceId, mentioned, true);
  const unknown = mentioned.findIndex((id) => !names.has(id));
  if (unknown >= 0)
    throw new ValidationError('A mentioned user does not exist.', [
      { path: `/mentions/${unknown}`, message: 'No such active user.' },
    ]);
  const blind = await firstBlind(db, actor, formId, recordId, mentioned);
  if (blind >= 0)
    throw new ValidationError('A mentioned person cannot open this record.', [
      {
        path: `/mentions/${blind}`,
        message: `${names.get(mentioned[blind]!) ?? ''} cannot see this record.`,
      },
    ]);
  const id = newId('cmt');
  const now = new Date();
  await db
    .insertInto('record_comments')
    .values({
      id,
      workspace_id: actor.workspaceId,
      form_id: formId,
      record_id: recordId,
      author_id: actor.userId,
      body,
      mentions: JSON.stringify(mentioned),
      created_at: now,
    })
    .execute();
  const others = mentioned.filter((userId) => userId !== actor.userId);
  if (others.length)
    await db
      .insertInto('notifications')
      .values(
        others.map((userId) => ({
          workspace_id: actor.workspaceId,
          user_id: userId,
          kind: 'comment.mention',
          instance_id: null,
          task_id: null,
          details: JSON.stringify({ formId, recordId, commentId: id, by: actor.userId }),
          created_at: now,
        })),
      )
      .execute();
  const author = await userNames(db, actor.workspaceId, [actor.userId]);
  return {
    id,
    recordId,
    author: { id: actor.userId, name: author.get(actor.userId) ?? '' },
    body,
    mentions: mentioned.map((userId) => ({ id: userId, name: names.get(userId) ?? '' })),
    createdAt: now.toISOString(),
    mine: true,
  };
}

/** Deletes one's own comment (nobody else's, admins included: it is the author's word). */
export async function deleteComment(
  db: Executor,
  actor: Actor,
  formId: string,
  recordId: string,
  commentId: string,
): Promise<void> {
  assertPerson(actor);
  await assertRecordVisible(db, actor, formId, recordId);
  const row = await db
    .selectFrom('record_comments')
    .select('author_id')
    .where('workspace_id', '=', actor.workspaceId)
    .where('record_id', '=', recordId)
    .where('id', '=', commentId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The comment');
  if (row.author_id !== actor.userId) throw new ForbiddenError('You may delete only your own comments.');
  await db.deleteFrom('record_comments').where('id', '=', commentId).execute();
}

async function userNames(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
  activeOnly = false,
): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  let query = db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids);
  if (activeOnly) query = query.where('status', '=', 'active');
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

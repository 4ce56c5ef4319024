import type { ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { type FieldDef, subformColumns } from '@forecourt/schemas';
import { hasField, union } from '../access/compile';
import { type FormAccess, formAccess } from '../access/form-access';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { ForbiddenError, NotFoundError } from '../errors';
import { uploadField } from './limits';
import { storedFilePath } from './storage';

/**
 * May `actor` read the file? The uploader may (the form shows the file before the record is saved),
 * and so may anyone who can see a record, not in the recycle bin, that refers to it, and on that
 * record the field holding it.
 */
export async function canReadFile(db: Executor, actor: Actor, fileId: string): Promise<boolean> {
  const file = await db
    .selectFrom('files')
    .select('created_by')
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', fileId)
    .executeTakeFirst();
  if (!file) return false;
  if (file.created_by === actor.userId) return true;
  const references = await db
    .selectFrom('record_files')
    .innerJoin('records', 'records.id', 'record_files.record_id')
    .select(['records.id', 'records.form_id', 'record_files.field_id'])
    .where('record_files.workspace_id', '=', actor.workspaceId)
    .where('record_files.file_id', '=', fileId)
    .where('records.deleted_at', 'is', null)
    .limit(20)
    .execute();
  const accessOf = new Map<string, FormAccess | null>();
  for (const ref of references) {
    if (!accessOf.has(ref.form_id)) {
      // A form the actor has no access to at all is "not found": look at the other records.
      accessOf.set(ref.form_id, await formAccess(db, actor, ref.form_id).catch(() => null));
    }
    const access = accessOf.get(ref.form_id);
    if (access && (await readsFileOf(db, access, ref.id, ref.field_id))) return true;
  }
  return false;
}

/**
 * Of these stored files, the ones `actor` may put into a record: those they uploaded that no live
 * record refers to yet, and those on a record they can read through a field they can read. Anything
 * else would let a writer copy a file id they learnt somewhere into their own record and then
 * download it. The system (timers, automatic steps) moves files on behalf of people: it may use any.
 */
export async function usableFiles(
  db: Executor,
  actor: Actor,
  files: { id: string; created_by: string | null }[],
): Promise<Set<string>> {
  if (actor.via === 'system') return new Set(files.map((f) => f.id));
  if (!files.length) return new Set();
  const attachments = await db
    .selectFrom('record_files')
    .innerJoin('records', 'records.id', 'record_files.record_id')
    .select(['record_files.file_id', 'records.id', 'records.form_id', 'record_files.field_id'])
    .where('record_files.workspace_id', '=', actor.workspaceId)
    .where(
      'record_files.file_id',
      'in',
      files.map((f) => f.id),
    )
    .where('records.deleted_at', 'is', null)
    .execute();
  const accessOf = new Map<string, FormAccess | null>();
  const usable = new Set<string>();
  for (const file of files) {
    const on = attachments.filter((a) => a.file_id === file.id);
    if (!on.length) {
      if (file.created_by === actor.userId) usable.add(file.id);
      continue;
    }
    for (const ref of on.slice(0, 20)) {
      if (!accessOf.has(ref.form_id)) {
        // A form the actor has no access to at all is "not found": such a file is not theirs to use.
        accessOf.set(ref.form_id, await formAccess(db, actor, ref.form_id).catch(() => null));
      }
      const access = accessOf.get(ref.form_id);
      if (access && (await readsFileOf(db, access, ref.id, ref.field_id))) {
        usable.add(file.id);
        break;
      }
    }
  }
  return usable;
}

/** Whether the actor sees the record and, on it, the (top-level) field holding the file. */
async function readsFileOf(
  db: Executor,
  access: FormAccess,
  recordId: string,
  fieldId: string,
): Promise<boolean> {
  if (!access.can('view')) return false;
  const field = access.definition.fields.find(
    (f) => f.id === fieldId || (f.type === 'subform' && subformColumns(f).some((c) => c.id === fieldId)),
  );
  if (!field) return access.manages;
  const row = await db
    .selectFrom('records')
    .select(access.flags().as('_access'))
    .where('id', '=', recordId)
    .executeTakeFirst();
  return !!row && access.reaches(row._access, 'view') && hasField(access.readable(row._access), field.id);
}

export interface OpenedFile {
  fileId: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  stream: ReadStream;
}

/**
 * The file's bytes with its stored (sniffed) type and name, for streaming back. A file the actor may
 * not read is "not found", exactly like one that does not exist: an id must not reveal anything.
 */
export async function openFile(
  db: Executor,
  actor: Actor,
  fileId: string,
  storageDir: string,
): Promise<OpenedFile> {
  if (!(await canReadFile(db, actor, fileId))) throw new NotFoundError('The file');
  const file = await db
    .selectFrom('files')
    .select(['id', 'name', 'mime', 'size', 'sha256'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', fileId)
    .executeTakeFirstOrThrow();
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(storedFilePath(storageDir, fileId), 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError('The file');
    throw error;
  }
  return {
    fileId: file.id,
    name: file.name,
    mime: file.mime,
    size: Number(file.size),
    sha256: file.sha256,
    stream: handle.createReadStream(),
  };
}

/**
 * The file field an upload is for, if the user may fill it: on a new record or one they may
 * change. Fields they may not write are "not in the form" (422), like everywhere else.
 */
export async function uploadTarget(
  db: Executor,
  actor: Actor,
  formId: string,
  fieldId: string,
): Promise<FieldDef> {
  const access = await formAccess(db, actor, formId);
  if (!access.can('create') && !access.can('edit')) {
    throw new ForbiddenError(
      'You may not add or change records of this form, so you cannot upload files to it.',
    );
  }
  const writable = union([access.writableFor('create'), access.writableFor('edit')]);
  return uploadField({ ...access.definition, fields: access.fieldsIn(writable) }, fieldId);
}

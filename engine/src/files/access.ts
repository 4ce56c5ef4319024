import type { ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { NotFoundError } from '../errors';
import { storedFilePath } from './storage';

/**
 * May `actor` read the file? The uploader may (the form shows the file before the record is saved),
 * and so may anyone who can read a record, not in the recycle bin, that refers to it.
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
  // access: today every member of a workspace may read every record, so any live referencing record
  // will do. The permission compiler of the access-control issue plugs in here: narrow `records` to
  // those the actor may read (and, for field-level rules, `record_files.field_id` to readable fields).
  const referenced = await db
    .selectFrom('record_files')
    .innerJoin('records', 'records.id', 'record_files.record_id')
    .select('records.id')
    .where('record_files.workspace_id', '=', actor.workspaceId)
    .where('record_files.file_id', '=', fileId)
    .where('records.deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return referenced !== undefined;
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

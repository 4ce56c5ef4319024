import { type FieldDef, subformColumns } from '@forecourt/schemas';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { type ErrorDetail, ValidationError } from '../errors';
import { usableFiles } from './access';
import { isFileField } from './limits';

type Data = Record<string, unknown>;

/** One file a record's value points at, with the JSON path of that value for error messages. */
export interface FileReference {
  fieldId: string;
  fileId: string;
  path: string;
  /** What the value claims about the file; a signature claims nothing. */
  size?: number;
  mime?: string;
}

/** Every file an attachment, image or signature value refers to, top level and inside table rows. */
export function fileReferences(fields: FieldDef[], data: Data): FileReference[] {
  const found: FileReference[] = [];
  const collect = (field: FieldDef, value: unknown, path: string) => {
    if (field.type === 'signature') {
      const fileId = (value as { fileId?: unknown } | null)?.fileId;
      if (typeof fileId === 'string') found.push({ fieldId: field.id, fileId, path });
      return;
    }
    if (!Array.isArray(value)) return;
    value.forEach((item, index) => {
      const ref = item as { fileId?: unknown; size?: unknown; mime?: unknown } | null;
      if (typeof ref?.fileId !== 'string') return;
      found.push({
        fieldId: field.id,
        fileId: ref.fileId,
        path: `${path}/${index}`,
        size: typeof ref.size === 'number' ? ref.size : undefined,
        mime: typeof ref.mime === 'string' ? ref.mime : undefined,
      });
    });
  };
  for (const field of fields) {
    if (isFileField(field)) collect(field, data[field.id], `/${field.id}`);
    if (field.type !== 'subform' || !Array.isArray(data[field.id])) continue;
    const columns = subformColumns(field).filter(isFileField);
    (data[field.id] as Data[]).forEach((row, index) => {
      for (const column of columns) collect(column, row?.[column.id], `/${field.id}/${index}/${column.id}`);
    });
  }
  return found;
}

/**
 * Checks that every file the records refer to was uploaded to this workspace, that the writer may
 * read it now (see `usableFiles`; a file already on the same record and field stays), and that it is
 * what the value says it is (size and type, so a PDF cannot pose as a photo), then writes their rows
 * in record_files (replacing the old ones on update). A file that does not exist and one the writer
 * may not read get the same message, checked before size and type: an id reveals nothing. Call it in
 * the write's transaction, after the records rows are written. A few queries however many records.
 */
export async function writeRecordFiles(
  db: Executor,
  actor: Actor,
  fields: FieldDef[],
  records: { id: string; data: Data }[],
  pathOf: (index: number) => string,
  replace: boolean,
): Promise<void> {
  const references = records.flatMap((record, index) =>
    fileReferences(fields, record.data).map((ref) => ({ ...ref, recordId: record.id, index })),
  );
  const { workspaceId } = actor;
  if (references.length) {
    const stored = new Map(
      (
        await db
          .selectFrom('files')
          .select(['id', 'mime', 'size', 'created_by'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', [...new Set(references.map((r) => r.fileId))])
          .execute()
      ).map((f) => [f.id, f]),
    );
    const kept = replace ? await filesOnRecords(db, workspaceId, records) : new Set<string>();
    const isKept = (r: (typeof references)[number]) => kept.has(`${r.recordId} ${r.fieldId} ${r.fileId}`);
    const usable = await usableFiles(
      db,
      actor,
      [...new Set(references.filter((r) => !isKept(r)).map((r) => r.fileId))]
        .map((id) => stored.get(id))
        .filter((f) => f !== undefined),
    );
    const issues: ErrorDetail[] = [];
    for (const ref of references) {
      const file = stored.get(ref.fileId);
      const path = `${pathOf(ref.index)}${ref.path}`;
      if (!file || !(isKept(ref) || usable.has(file.id))) {
        issues.push({ path, message: `There is no uploaded file ${ref.fileId}; upload it again.` });
      } else if (
        (ref.size !== undefined && ref.size !== Number(file.size)) ||
        (ref.mime !== undefined && ref.mime !== file.mime) ||
        (ref.mime === undefined && !file.mime.startsWith('image/'))
      ) {
        issues.push({ path, message: `This does not match the uploaded file ${ref.fileId}.` });
      }
    }
    if (issues.length) throw new ValidationError('Some files are not valid.', issues);
  }
  if (replace && records.length) {
    await db
      .deleteFrom('record_files')
      .where(
        'record_id',
        'in',
        records.map((r) => r.id),
      )
      .execute();
  }
  if (references.length) {
    await db
      .insertInto('record_files')
      .values(
        references.map((r) => ({
          workspace_id: workspaceId,
          record_id: r.recordId,
          field_id: r.fieldId,
          file_id: r.fileId,
        })),
      )
      // The same file twice in one field (two table rows with the same receipt) is one row.
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** `record field file` of the files the records refer to now, before a change replaces them. */
async function filesOnRecords(db: Executor, workspaceId: string, records: { id: string }[]) {
  if (!records.length) return new Set<string>();
  const rows = await db
    .selectFrom('record_files')
    .select(['record_id', 'field_id', 'file_id'])
    .where('workspace_id', '=', workspaceId)
    .where(
      'record_id',
      'in',
      records.map((r) => r.id),
    )
    .execute();
  return new Set(rows.map((r) => `${r.record_id} ${r.field_id} ${r.file_id}`));
}

/** `writeRecordFiles` for one record, replacing its rows: for an update. */
export async function syncRecordFiles(
  db: Executor,
  actor: Actor,
  recordId: string,
  fields: FieldDef[],
  data: Data,
): Promise<void> {
  await writeRecordFiles(db, actor, fields, [{ id: recordId, data }], () => '', true);
}

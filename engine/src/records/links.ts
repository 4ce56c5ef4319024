import type { FieldDef } from '@forecourt/schemas';
import type { Executor } from '../db/schema';
import { ValidationError } from '../errors';
import { relatedIds } from './compute';

type Data = Record<string, unknown>;

interface Link {
  field_id: string;
  row_id: string;
  to_record: string;
}

/** Every relation value of a record, top level and inside table rows, as link rows. */
export function linksOf(fields: FieldDef[], data: Data): Link[] {
  const links: Link[] = [];
  for (const field of fields) {
    if (field.type === 'relation') {
      for (const id of relatedIds(data[field.id]))
        links.push({ field_id: field.id, row_id: '', to_record: id });
    }
    if (field.type === 'subform' && Array.isArray(data[field.id])) {
      const columns = ((field.fields ?? []) as FieldDef[]).filter((c) => c.type === 'relation');
      for (const row of data[field.id] as Data[]) {
        for (const column of columns) {
          for (const id of relatedIds(row[column.id]))
            links.push({ field_id: column.id, row_id: String(row._id), to_record: id });
        }
      }
    }
  }
  return links;
}

/**
 * Checks that each linked record exists in this workspace and in the field's target form, then
 * writes the records' links (replacing old ones on update). Relations live in record_links as well
 * as in the data, so lookups, rollups and "records that point here" read an index instead of
 * scanning JSON. One query to check and one to write, however many records.
 */
export async function writeLinks(
  db: Executor,
  workspaceId: string,
  fields: FieldDef[],
  records: { id: string; data: Data }[],
  pathOf: (index: number) => string,
  replace: boolean,
): Promise<void> {
  const targets = relationTargets(fields);
  const links = records.flatMap((r, index) =>
    linksOf(fields, r.data).map((l) => ({ ...l, index, from_record: r.id })),
  );
  if (links.length) {
    const ids = [...new Set(links.map((l) => l.to_record))];
    const found = new Map(
      (
        await db
          .selectFrom('records')
          .select(['id', 'form_id'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', ids)
          .where('deleted_at', 'is', null)
          .execute()
      ).map((r) => [r.id, r.form_id]),
    );
    const bad = links.filter((l) => found.get(l.to_record) !== targets.get(l.field_id));
    if (bad.length) {
      throw new ValidationError(
        'A linked record does not exist.',
        bad.map((l) => ({
          path: `${pathOf(l.index)}/${l.field_id}`,
          message: `No record ${l.to_record} in the linked form.`,
        })),
      );
    }
  }
  if (replace)
    await db
      .deleteFrom('record_links')
      .where(
        'from_record',
        'in',
        records.map((r) => r.id),
      )
      .execute();
  if (links.length) {
    await db
      .insertInto('record_links')
      .values(links.map(({ index: _, ...l }) => ({ ...l, workspace_id: workspaceId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

function relationTargets(fields: FieldDef[]): Map<string, string> {
  const targets = new Map<string, string>();
  const collect = (list: FieldDef[]) =>
    list.forEach((f) => {
      if (f.type === 'relation') targets.set(f.id, String(f.target));
      if (f.type === 'subform') collect((f.fields ?? []) as FieldDef[]);
    });
  collect(fields);
  return targets;
}

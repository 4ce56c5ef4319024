import type { FieldDef } from '@forecourt/schemas';
import { sql } from 'kysely';
import type { Executor } from '../db/schema';
import type { ErrorDetail } from '../errors';
import type { FormVersion } from './context';
import { labelOf } from './rules';

type Data = Record<string, unknown>;

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * "No duplicates" for a batch: values repeated inside the batch, and values another record already
 * has. An advisory lock per value (taken in a fixed order, so two batches cannot deadlock) makes
 * check-then-insert safe against concurrent writers; one query per unique field checks the table.
 */
export async function checkUnique(
  db: Executor,
  form: FormVersion,
  records: Data[],
  existing: ({ id: string; data: Data } | undefined)[],
): Promise<{ index: number; issue: ErrorDetail }[]> {
  const found: { index: number; issue: ErrorDetail }[] = [];
  for (const field of form.definition.fields.filter((f) => f.unique)) {
    const wanted = new Map<string, number[]>();
    // Values records of the batch keep unchanged: the table query leaves the batch's records out, so a
    // value one of them keeps must be counted here, or a bulk change could give it to a second record.
    const kept = new Set<string>();
    records.forEach((data, index) => {
      const value = data[field.id];
      if (isEmpty(value)) return;
      const key = JSON.stringify(value);
      const before = existing[index]?.data[field.id];
      if (existing[index] && JSON.stringify(before) === key) kept.add(key);
      else wanted.set(key, [...(wanted.get(key) ?? []), index]);
    });
    if (!wanted.size) continue;
    const keys = [...wanted.keys()].sort();
    const locks = keys.map((key) => `${form.formId}/${field.id}/${key}`);
    await sql`select pg_advisory_xact_lock(hashtext(k)) from unnest(${locks}::text[]) with ordinality as t(k, n) order by n`.execute(
      db,
    );
    const ids = existing.flatMap((e) => (e ? [e.id] : []));
    const { rows } = await sql<{ value: string }>`
      select (data -> ${field.id})::text as value from records
      where form_id = ${form.formId} and deleted_at is null
        and data -> ${field.id} = any(${keys}::jsonb[])
        ${ids.length ? sql`and id <> all(${ids}::text[])` : sql``}`.execute(db);
    const taken = new Set(rows.map((r) => JSON.stringify(JSON.parse(r.value))));
    for (const [key, indexes] of wanted) {
      if (taken.has(key) || kept.has(key))
        for (const index of indexes)
          found.push({ index, issue: duplicate(field, 'another record already has this value') });
      else
        for (const index of indexes.slice(1))
          found.push({ index, issue: duplicate(field, 'it repeats a value earlier in this batch') });
    }
  }
  return found;
}

function duplicate(field: FieldDef, why: string): ErrorDetail {
  return { path: `/${field.id}`, message: `${labelOf(field)} must be unique: ${why}.` };
}

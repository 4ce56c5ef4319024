import { fieldType } from '@forecourt/schemas';
import { sql } from 'kysely';
import type { Executor } from '../db/schema';
import { DomainError, type ErrorDetail, ValidationError } from '../errors';
import { formVersion } from '../forms/forms';
import { fieldContext, writeContext } from '../records/context';
import { linkActor, type OpenLink } from './public';

/** A query link answers at most this many records, newest first. */
export const PUBLIC_QUERY_LIMIT = 20;

/**
 * Looks records up through a query link: every query field must be given and matches exactly (as
 * text, after the field's own normalisation, so `138 0013 8000` finds `13800138000`); each answer
 * holds only the link's result fields. A visitor can only find what they already know the keys of.
 */
export async function queryThroughLink(
  db: Executor,
  link: OpenLink,
  values: unknown,
): Promise<{ records: Record<string, unknown>[] }> {
  if (link.kind !== 'query')
    throw new DomainError('not_found', 'This link takes submissions; it looks nothing up.');
  const matches = await matchValues(db, link, values);
  let query = db
    .selectFrom('records')
    .select('data')
    .where('workspace_id', '=', link.workspace_id)
    .where('form_id', '=', link.form_id)
    .where('deleted_at', 'is', null);
  // The same `(records.data->>'f')` expression the text indexes are built on.
  for (const [fieldId, text] of matches)
    query = query.where(sql<string>`(records.data->>${sql.lit(fieldId)})`, '=', text);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(PUBLIC_QUERY_LIMIT)
    .execute();
  return {
    records: rows.map(({ data }) =>
      Object.fromEntries(link.result_fields.map((id) => [id, data[id] ?? null])),
    ),
  };
}

/** Each query field's value as the text stored JSON holds, or a 422 naming every missing or bad one. */
async function matchValues(db: Executor, link: OpenLink, values: unknown): Promise<[string, string][]> {
  const given =
    typeof values === 'object' && values !== null && !Array.isArray(values)
      ? (values as Record<string, unknown>)
      : {};
  const { definition } = await formVersion(db, link.workspace_id, link.form_id);
  const context = fieldContext(writeContext(linkActor(link)));
  const issues: ErrorDetail[] = [];
  for (const key of Object.keys(given))
    if (!link.query_fields.includes(key))
      issues.push({ path: `/values/${key}`, message: 'This link does not search by this field.' });
  const matches: [string, string][] = [];
  for (const fieldId of link.query_fields) {
    const path = `/values/${fieldId}`;
    const raw = given[fieldId];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      issues.push({ path, message: 'Fill this in.' });
      continue;
    }
    if (typeof raw === 'object') {
      issues.push({ path, message: 'Give a single value.' });
      continue;
    }
    const field = definition.fields.find((f) => f.id === fieldId);
    const converted = field
      ? fieldType(field.type).normalize(field, raw, context)
      : { ok: true as const, value: raw };
    if (!converted.ok) issues.push({ path, message: converted.message });
    else if (converted.value === null) issues.push({ path, message: 'Fill this in.' });
    else
      matches.push([
        fieldId,
        typeof converted.value === 'string' ? converted.value : JSON.stringify(converted.value),
      ]);
  }
  if (issues.length) throw new ValidationError('Give every field this link searches by.', issues);
  return matches;
}

/**
 * Names for the ids that member, department and relation fields store, so a reader sees 李明 / 销售部 /
 * 浙A12345 rather than usr_… / dep_… / rec_…. Departments come once per session from
 * `GET /api/directory/departments`; people by id from `GET /api/directory/users?ids=`; a relation's
 * records in one `POST …/records/query` (`_id in […]`) per target form, as the reader's permissions
 * allow. A record the reader may not see, or an unknown id, stays an id. Addresses hold region codes:
 * the region table (a lazy chunk) is loaded when a field is an address, and names them.
 */
import { canTitleRecord, fieldTypes, hasRegionTable, loadRegionTable, peopleIn } from '@forecourt/schemas';
import { useEffect, useMemo, useState } from 'react';
import { get, post } from '../api/client';
import {
  definitionOf,
  type FieldDef,
  type FormDefinition,
  type FormView,
  type RecordRow,
} from '../api/types';

/** Looks up the name of an id a field stores; undefined when not (yet) known. */
export type NameOf = (field: FieldDef, id: string) => string | undefined;

/** The most ids one request carries (the query and directory limits). */
const BATCH = 100;

/** Known names, for the session: `dep:<id>`, `usr:<id>`, `<formId>:<recordId>`; null = not visible. */
const known = new Map<string, string | null>();
let departments: Promise<boolean> | undefined;
const targetForms = new Map<string, Promise<FormDefinition | null>>();

/** Whether the directory answered (a failure is asked again on the next page that needs it). */
function loadDepartments(): Promise<boolean> {
  departments ??= get<{ departments: { id: string; name: string }[] }>('/api/directory/departments').then(
    (answer) => {
      for (const d of answer.departments) known.set(`dep:${d.id}`, d.name);
      return true;
    },
    () => {
      departments = undefined;
      return false;
    },
  );
  return departments;
}

async function loadPeople(ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const answer = await get<{ users: { id: string; name: string }[] }>(
      `/api/directory/users?ids=${chunk.map(encodeURIComponent).join(',')}`,
    ).catch(() => ({ users: [] }));
    for (const id of chunk) known.set(`usr:${id}`, null);
    for (const u of answer.users) known.set(`usr:${u.id}`, u.name);
  }
}

function targetForm(formId: string): Promise<FormDefinition | null> {
  let form = targetForms.get(formId);
  if (!form) {
    form = get<FormView>(`/api/forms/${encodeURIComponent(formId)}`).then(definitionOf, () => null);
    targetForms.set(formId, form);
  }
  return form;
}

/** A target record's title: its first text-like field the reader may see that has a value. */
function titleOf(definition: FormDefinition, row: RecordRow): string | null {
  for (const field of definition.fields) {
    const value = row.data[field.id];
    if (canTitleRecord(field) && typeof value === 'string' && value !== '') return value;
  }
  return null;
}

async function loadRecords(formId: string, ids: string[]): Promise<void> {
  const definition = await targetForm(formId);
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const answer = definition
      ? await post<{ records: RecordRow[] }>(`/api/forms/${encodeURIComponent(formId)}/records/query`, {
          filter: { field: '_id', op: 'in', value: chunk },
          limit: BATCH,
        }).catch(() => ({ records: [] as RecordRow[] }))
      : { records: [] as RecordRow[] };
    for (const id of chunk) known.set(`${formId}:${id}`, null);
    for (const row of answer.records)
      known.set(`${formId}:${row.id}`, definition && titleOf(definition, row));
  }
}

/** Whose names a field's ids are, from its type's `compareAs`: people, departments, or its target's records. */
function groupOf(field: FieldDef): string | null {
  const people = peopleIn(field);
  if (people) return people;
  return fieldTypes.get(field.type)?.compareAs === 'link' && typeof field.target === 'string'
    ? field.target
    : null;
}

const PREFIX: Record<string, string> = { member: 'usr', department: 'dep' };

function keyOf(field: FieldDef, id: string): string | null {
  const group = groupOf(field);
  return group && `${PREFIX[group] ?? group}:${id}`;
}

const idsIn = (value: unknown): string[] =>
  [value].flat().filter((v): v is string => typeof v === 'string' && v !== '');

/**
 * Names for the ids the given rows hold in these fields, fetched as needed (already known ones are
 * not asked again); re-renders when more arrive.
 */
export function useNames(fields: readonly FieldDef[], rows: readonly Record<string, unknown>[]): NameOf {
  const [tick, setTick] = useState(0);
  const wanted = new Map<string, Set<string>>();
  for (const field of fields) {
    const group = groupOf(field);
    if (!group) continue;
    for (const row of rows) {
      for (const id of idsIn(row[field.id])) {
        const key = keyOf(field, id);
        if (!key || known.has(key)) continue;
        wanted.set(group, (wanted.get(group) ?? new Set()).add(id));
      }
    }
  }
  // Addresses hold region codes: the region table (a chunk of its own) names them.
  if (!hasRegionTable() && fields.some((f) => f.type === 'address')) wanted.set('region', new Set(['all']));
  const missing = [...wanted].map(([group, ids]) => `${group}=${[...ids].sort().join(',')}`).join(';');
  useEffect(() => {
    if (!missing) return;
    let current = true;
    const jobs = missing.split(';').map((part) => {
      const [group, list] = part.split('=') as [string, string];
      const ids = list.split(',');
      if (group === 'department') return loadDepartments().then((ok) => ok && ids.forEach(markUnknownDept));
      if (group === 'member') return loadPeople(ids);
      if (group === 'region') return loadRegionTable();
      return loadRecords(group, ids);
    });
    void Promise.all(jobs).then(() => current && setTick((n) => n + 1));
    return () => {
      current = false;
    };
  }, [missing]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick says new names arrived
  return useMemo<NameOf>(
    () => (field, id) => {
      const key = keyOf(field, id);
      return (key && known.get(key)) || undefined;
    },
    [tick],
  );
}

/** A department id the directory does not list (deleted) stays an id, and is not asked for again. */
function markUnknownDept(id: string): void {
  if (!known.has(`dep:${id}`)) known.set(`dep:${id}`, null);
}

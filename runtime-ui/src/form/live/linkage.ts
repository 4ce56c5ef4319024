/**
 * Data linkage defaults (`default: { kind: 'linkage' }`): the value of a field in the newest record of
 * another form whose fields match this record's, looked up as the user fills the matched fields, with the
 * user's own permissions (`POST /api/forms/:form/records/query`). The server does the same on save for a
 * field left empty; a field the user typed in is left alone.
 */
import { type FieldDef, fieldType, isFieldType } from '@forecourt/schemas';
import { useEffect, useRef } from 'react';
import { post } from '../../api/client';
import type { RecordRow } from '../../api/types';
import type { FormData } from '../types';

type Linkage = { form: string; field: string; match: { sourceField: string; thisField: string }[] };

const context = () => ({ now: new Date(), timeZone: 'Asia/Shanghai' });

function normalized(field: FieldDef | undefined, value: unknown): unknown {
  if (!field || !isFieldType(field.type)) return value;
  try {
    const converted = fieldType(field.type).normalize(field, value, context());
    return converted.ok ? converted.value : null;
  } catch {
    return null; // an address before the region table has loaded: no lookup yet
  }
}

/** The query's filter for one linkage, or null while a matched field is empty or invalid. */
function filterOf(fields: FieldDef[], linkage: Linkage, data: FormData) {
  const conditions = [];
  for (const { sourceField, thisField } of linkage.match) {
    const value = normalized(
      fields.find((f) => f.id === thisField),
      data[thisField],
    );
    if (value === null || value === undefined || value === '') return null;
    conditions.push({ field: sourceField, op: 'eq', value });
  }
  return { and: conditions };
}

export function useLinkage(
  fields: FieldDef[],
  data: FormData,
  enabled: boolean,
  touched: ReadonlySet<string>,
  fill: (fieldId: string, value: unknown) => void,
): void {
  const asked = useRef<Record<string, string>>({});
  useEffect(() => {
    if (!enabled) return;
    for (const field of fields) {
      const source = field.default;
      if (source?.kind !== 'linkage' || touched.has(field.id)) continue;
      const filter = filterOf(fields, source, data);
      const key = JSON.stringify(filter);
      if (asked.current[field.id] === key) continue;
      asked.current[field.id] = key;
      if (!filter) continue;
      post<{ records: RecordRow[] }>(`/api/forms/${encodeURIComponent(source.form)}/records/query`, {
        filter,
        sort: [{ field: '_created_at', dir: 'desc' }],
        limit: 1,
      })
        .then(({ records }) => {
          // Only the answer to the latest question counts.
          if (asked.current[field.id] !== key || touched.has(field.id)) return;
          const found = records[0]?.data[source.field];
          if (found !== undefined && found !== null) fill(field.id, normalized(field, found));
        })
        .catch(() => undefined); // not allowed to read that form: the server fills it on save
    }
  }, [fields, data, enabled, touched, fill]);
}

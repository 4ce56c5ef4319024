/**
 * A link to records of another form, searched on the server with the user's own permissions (the query
 * endpoint's `search`), so nobody can pick a record they may not see. Options are titled by the target
 * form's first text-like field.
 */
import { canTitleRecord, type FieldDef, fieldTypes } from '@forecourt/schemas';
import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import { definitionOf, type FormView, type RecordRow } from '../../api/types';
import { useLabel } from '../../i18n/label';
import { useFormScope } from '../scope';
import type { FieldWidget, WidgetProps } from '../types';

type Ids = string | string[];

const asList = (value: Ids | null | undefined): string[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];

/** The target form's fields, or none when the user may not read its definition. */
const definitions = new Map<string, Promise<FieldDef[]>>();
function targetFields(formId: string): Promise<FieldDef[]> {
  let found = definitions.get(formId);
  if (!found) {
    found = get<FormView>(`/api/forms/${encodeURIComponent(formId)}`)
      .then((view) => definitionOf(view).fields)
      .catch(() => []);
    definitions.set(formId, found);
  }
  return found;
}

/** A picker tells records apart by their title fields, and by a single choice (a model, a colour). */
const titles = (field: FieldDef) =>
  canTitleRecord(field) || fieldTypes.get(field.type)?.compareAs === 'choice';

function recordTitle(row: RecordRow, fields: FieldDef[], label: (l: { zh: string; en: string }) => string) {
  const shown = fields.filter((f) => titles(f) && row.data[f.id] != null).slice(0, 2);
  const parts = shown.map((f) => {
    const value = row.data[f.id];
    if (f.type !== 'select') return String(value);
    const option = (f.options as { value: string; label: { zh: string; en: string } }[] | undefined)?.find(
      (o) => o.value === value,
    );
    return option ? label(option.label) : String(value);
  });
  return parts.length ? parts.join(' · ') : row.id;
}

function RelationInput({ field, id, value, onChange, readOnly, invalid }: WidgetProps<Ids>) {
  const { t } = useTranslation();
  const label = useLabel();
  const scope = useFormScope();
  const target = String(field.target);
  const multiple = field.multiple === true;
  const chosen = asList(value);
  const [fields, setFields] = useState<FieldDef[]>([]);
  const [found, setFound] = useState<RecordRow[]>([]);
  const [known, setKnown] = useState<Record<string, RecordRow>>({});
  const [searching, setSearching] = useState(false);
  const query = useRef(0);

  useEffect(() => {
    targetFields(target).then(setFields);
  }, [target]);

  const search = (text: string) => {
    const mine = ++query.current;
    setSearching(true);
    post<{ records: RecordRow[] }>(`/api/forms/${encodeURIComponent(target)}/records/query`, {
      ...(text.trim() ? { search: text.trim().slice(0, 100) } : {}),
      limit: 20,
    })
      .then(({ records }) => mine === query.current && setFound(records))
      .catch(() => mine === query.current && setFound([]))
      .finally(() => mine === query.current && setSearching(false));
  };

  // Titles for stored ids (a draft, an edited record): read each once.
  const missing = chosen.filter((recordId) => !known[recordId] && !found.some((r) => r.id === recordId));
  const missingKey = missing.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: missingKey stands for missing
  useEffect(() => {
    for (const recordId of missing)
      get<RecordRow>(`/api/forms/${encodeURIComponent(target)}/records/${encodeURIComponent(recordId)}`)
        .then((row) => setKnown((previous) => ({ ...previous, [row.id]: row })))
        .catch(() => undefined);
  }, [missingKey, target]);

  const options = useMemo(() => {
    const byId = new Map<string, RecordRow>();
    for (const recordId of chosen) if (known[recordId]) byId.set(recordId, known[recordId]);
    for (const row of found) byId.set(row.id, row);
    return [...byId.values()].map((row) => ({ value: row.id, label: recordTitle(row, fields, label) }));
  }, [chosen, known, found, fields, label]);

  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={multiple ? chosen : (chosen[0] ?? undefined)}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => open && found.length === 0 && search('')}
      loading={searching}
      allowClear
      placeholder={t('fill.searchRecords')}
      notFoundContent={searching ? t('fill.searching') : t('fill.noRecordsFound')}
      disabled={readOnly}
      status={invalid ? 'error' : undefined}
      options={options}
      onChange={(next: string | string[] | undefined) => {
        const ids = asList(next ?? null);
        const picked = found.filter((row) => ids.includes(row.id));
        setKnown((previous) => ({ ...previous, ...Object.fromEntries(picked.map((r) => [r.id, r])) }));
        scope.rememberPicked(
          field.id,
          picked.map((row) => ({ id: row.id, data: row.data })),
        );
        onChange(ids.length === 0 ? null : multiple ? ids : (ids[0] ?? null));
      }}
    />
  );
}

export const relationWidgets: Record<string, FieldWidget> = {
  relation: { Component: RelationInput as FieldWidget['Component'] },
};

import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Operator } from '@forecourt/schemas';
import { Button, Input, Radio, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Row {
  field: string;
  op: string;
  value?: string;
}
type Joiner = 'and' | 'or';

const OPS = [
  'eq',
  'ne',
  'contains',
  'isMe',
  'inMyDepartment',
  'inMySubtree',
  'empty',
  'notEmpty',
] as const satisfies readonly Operator[];
/** Operators about the reader (or emptiness) take no value. */
const NO_VALUE = new Set<string>(['isMe', 'inMyDepartment', 'inMySubtree', 'empty', 'notEmpty']);

/** Simple conditions joined by and/or become rows; anything else is edited as JSON. */
function toRows(value: unknown): { joiner: Joiner; rows: Row[] } | null {
  if (value === undefined || value === null) return { joiner: 'and', rows: [] };
  const simple = (c: unknown): c is Row =>
    !!c &&
    typeof c === 'object' &&
    typeof (c as Row).field === 'string' &&
    typeof (c as Row).op === 'string' &&
    ((c as Row).value === undefined || typeof (c as Row).value === 'string');
  if (simple(value)) return { joiner: 'and', rows: [value] };
  for (const joiner of ['and', 'or'] as const) {
    const list = (value as Record<string, unknown>)[joiner];
    if (Array.isArray(list) && Object.keys(value as object).length === 1 && list.every(simple))
      return { joiner, rows: list };
  }
  return null;
}

function toCondition(joiner: Joiner, rows: Row[]): unknown {
  const conditions = rows
    .filter((r) => r.field && r.op)
    .map((r) =>
      NO_VALUE.has(r.op) ? { field: r.field, op: r.op } : { field: r.field, op: r.op, value: r.value ?? '' },
    );
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : { [joiner]: conditions };
}

/**
 * A row scope's condition (the record query language): rows of field, operator and value, where
 * "is me", "in my department" and "in my department or below" stand for the reader; or raw JSON.
 */
export function ScopeFilterEditor({
  value,
  onChange,
  fields,
}: {
  value?: unknown;
  onChange?: (value: unknown) => void;
  fields: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const parsed = toRows(value);
  const [json, setJson] = useState(parsed === null);
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const opLabels: Record<(typeof OPS)[number], string> = {
    eq: t('admin.filter.eq'),
    ne: t('admin.filter.ne'),
    contains: t('admin.filter.contains'),
    isMe: t('admin.filter.isMe'),
    inMyDepartment: t('admin.filter.inMyDepartment'),
    inMySubtree: t('admin.filter.inMySubtree'),
    empty: t('admin.filter.empty'),
    notEmpty: t('admin.filter.notEmpty'),
  };
  const columns = [
    ...fields,
    { value: '_owner', label: t('admin.filter.owner') },
    { value: '_department', label: t('admin.filter.department') },
    { value: '_created_by', label: t('admin.filter.createdBy') },
  ];
  const { joiner, rows } = parsed ?? { joiner: 'and' as Joiner, rows: [] };
  const update = (nextJoiner: Joiner, nextRows: Row[]) => onChange?.(toCondition(nextJoiner, nextRows));
  const setRow = (index: number, row: Row) =>
    update(
      joiner,
      rows.map((r, i) => (i === index ? row : r)),
    );

  const switchMode = (toJson: boolean) => {
    if (toJson) setText(value === undefined ? '' : JSON.stringify(value, null, 2));
    else if (toRows(value) === null) onChange?.(undefined);
    setJson(toJson);
  };

  return (
    <div className="admin-filter">
      <Space className="admin-filter-mode">
        <Switch size="small" checked={json} onChange={switchMode} aria-label={t('admin.filter.json')} />
        <span>{t('admin.filter.json')}</span>
      </Space>
      {json ? (
        <Input.TextArea
          value={text}
          autoSize={{ minRows: 4, maxRows: 14 }}
          className="admin-mono"
          aria-label={t('admin.filter.json')}
          onChange={(event) => {
            setText(event.target.value);
            try {
              onChange?.(JSON.parse(event.target.value));
            } catch {
              // Sent as typed: the server names what is wrong with it.
              onChange?.(event.target.value);
            }
          }}
        />
      ) : (
        <>
          {rows.length > 1 && (
            <Radio.Group
              size="small"
              value={joiner}
              onChange={(event) => update(event.target.value, rows)}
              options={[
                { value: 'and', label: t('admin.filter.and') },
                { value: 'or', label: t('admin.filter.or') },
              ]}
            />
          )}
          {rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            <div className="admin-filter-row" key={index}>
              <Select
                className="admin-filter-field"
                value={row.field || undefined}
                placeholder={t('admin.filter.field')}
                aria-label={t('admin.filter.field')}
                options={columns}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={(field) => setRow(index, { ...row, field })}
              />
              <Select
                className="admin-filter-op"
                value={row.op}
                aria-label={t('admin.filter.op')}
                options={OPS.map((op) => ({ value: op, label: opLabels[op] }))}
                onChange={(op) => setRow(index, { ...row, op })}
              />
              {!NO_VALUE.has(row.op) && (
                <Input
                  className="admin-filter-value"
                  value={row.value ?? ''}
                  placeholder={t('admin.filter.value')}
                  aria-label={t('admin.filter.value')}
                  onChange={(event) => setRow(index, { ...row, value: event.target.value })}
                />
              )}
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('admin.common.remove')}
                onClick={() =>
                  update(
                    joiner,
                    rows.filter((_, i) => i !== index),
                  )
                }
              />
            </div>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() =>
              update(joiner, [...rows, { field: fields[0]?.value ?? '_owner', op: 'eq', value: '' }])
            }
          >
            {t('admin.filter.addCondition')}
          </Button>
        </>
      )}
    </div>
  );
}

import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Operator } from '@forecourt/schemas';
import { Alert, Button, Drawer, Radio, Select, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../../api/types';
import { useLabel } from '../../i18n/label';
import { type FilterRow, type GridFilter, NO_FILTER, newRowKey } from '../query';
import { operatorsOf, widgetOf } from './operators';
import { ValueInput } from './ValueInput';

interface Props {
  open: boolean;
  phone: boolean;
  /** The fields a filter may use (shown on every row the user reaches), with the record columns. */
  fields: readonly FieldDef[];
  filter: GridFilter;
  onApply(filter: GridFilter): void;
  onClose(): void;
}

/**
 * The filter builder, in a drawer (from the right on a desktop, from the bottom on a phone): one row
 * per condition (field, an operator the field's kind allows, a value widget for that kind), joined
 * by "all" (and) or "any" (or). The grid changes only on Apply, so typing never fires a query per key.
 */
export function FilterDrawer({ open, phone, fields, filter, onApply, onClose }: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const [draft, setDraft] = useState<GridFilter>(filter);
  useEffect(() => {
    if (open) setDraft(filter);
  }, [open, filter]);
  const byId = new Map(fields.map((f) => [f.id, f]));
  const fieldOptions = fields.map((f) => ({ value: f.id, label: label(f.label) }));

  const change = (key: number, patch: Partial<FilterRow>) =>
    setDraft((d) => ({ ...d, rows: d.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) }));
  const add = () => {
    const first = fields[0];
    if (!first) return;
    setDraft((d) => ({
      ...d,
      custom: undefined,
      rows: [...d.rows, { key: newRowKey(), field: first.id, op: operatorsOf(first)[0]! }],
    }));
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('grid.filter.title')}
      placement={phone ? 'bottom' : 'right'}
      size={phone ? '80%' : 560}
      className="filter-drawer"
      footer={
        <div className="filter-footer">
          <Button onClick={() => setDraft(NO_FILTER)}>{t('grid.filter.clear')}</Button>
          <Button type="primary" onClick={() => onApply(draft)}>
            {t('grid.filter.apply')}
          </Button>
        </div>
      }
    >
      {draft.custom !== undefined && (
        <Alert type="info" showIcon title={t('grid.filter.custom')} className="filter-custom" />
      )}
      {draft.rows.length > 1 && (
        <div className="filter-join">
          <Typography.Text id="filter-join-label">{t('grid.filter.match')}</Typography.Text>
          <Radio.Group
            aria-labelledby="filter-join-label"
            optionType="button"
            value={draft.join}
            onChange={(e) => setDraft((d) => ({ ...d, join: e.target.value }))}
            options={[
              { value: 'and', label: t('grid.filter.all') },
              { value: 'or', label: t('grid.filter.any') },
            ]}
          />
        </div>
      )}
      <ol className="filter-rows">
        {draft.rows.map((row, index) => {
          const field = byId.get(row.field);
          const ops = field ? operatorsOf(field) : [];
          const n = index + 1;
          return (
            <li key={row.key} className="filter-row">
              <Select
                aria-label={t('grid.filter.field', { n })}
                className="filter-field"
                showSearch={{ optionFilterProp: 'label' }}
                options={fieldOptions}
                value={row.field}
                onChange={(id: string) => {
                  const next = byId.get(id);
                  if (next) change(row.key, { field: id, op: operatorsOf(next)[0]!, value: undefined });
                }}
                popupMatchSelectWidth={false}
              />
              <Select
                aria-label={t('grid.filter.operator', { n })}
                className="filter-op"
                options={ops.map((op) => ({ value: op, label: operatorLabel(t, op) }))}
                value={row.op}
                onChange={(op: Operator) => {
                  const keep = field && widgetOf(field, op) === widgetOf(field, row.op);
                  change(row.key, { op, ...(keep ? {} : { value: undefined }) });
                }}
                popupMatchSelectWidth={false}
              />
              {field && (
                <ValueInput
                  field={field}
                  widget={widgetOf(field, row.op)}
                  value={row.value}
                  onChange={(value) => change(row.key, { value })}
                  ariaLabel={t('grid.filter.value', { n })}
                />
              )}
              <Button
                type="text"
                aria-label={t('grid.filter.remove', { n })}
                icon={<DeleteOutlined />}
                onClick={() => setDraft((d) => ({ ...d, rows: d.rows.filter((r) => r.key !== row.key) }))}
              />
            </li>
          );
        })}
      </ol>
      <Button icon={<PlusOutlined />} onClick={add} type="dashed" block>
        {t('grid.filter.add')}
      </Button>
    </Drawer>
  );
}

/** Literal keys (the locale test reads them from the source). */
function operatorLabel(t: TFunction, op: Operator): string {
  const labels: Record<Operator, string> = {
    eq: t('grid.op.eq'),
    ne: t('grid.op.ne'),
    in: t('grid.op.in'),
    notIn: t('grid.op.notIn'),
    contains: t('grid.op.contains'),
    notContains: t('grid.op.notContains'),
    startsWith: t('grid.op.startsWith'),
    gt: t('grid.op.gt'),
    gte: t('grid.op.gte'),
    lt: t('grid.op.lt'),
    lte: t('grid.op.lte'),
    between: t('grid.op.between'),
    empty: t('grid.op.empty'),
    notEmpty: t('grid.op.notEmpty'),
    before: t('grid.op.before'),
    after: t('grid.op.after'),
    lastDays: t('grid.op.lastDays'),
    nextDays: t('grid.op.nextDays'),
    isMe: t('grid.op.isMe'),
    inMyDepartment: t('grid.op.inMyDepartment'),
    inMySubtree: t('grid.op.inMySubtree'),
    inSubtree: t('grid.op.inSubtree'),
  };
  return labels[op];
}

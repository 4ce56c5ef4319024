import { Descriptions, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../api/types';
import { useLabel } from '../i18n/label';
import { useIsPhone } from '../shell/useIsPhone';
import { shownFields, valueText } from './display';
import { useNames } from './names';

/** A record's fields, read-only, in the form's order; tables as small tables (stacked on a phone). */
export function RecordFields({
  fields,
  data,
  only,
}: {
  fields: readonly FieldDef[];
  data: Record<string, unknown>;
  /** Show just these field ids (a task shows the fields its node lets the approver see). */
  only?: ReadonlySet<string>;
}) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const phone = useIsPhone();
  const shown = shownFields(fields).filter((field) => !only || only.has(field.id));
  const nameOf = useNames(shown, [data]);
  if (shown.length === 0) return <Empty description={t('record.noFields')} />;
  return (
    <Descriptions
      bordered
      size="small"
      column={phone ? 1 : 2}
      items={shown.map((field) => ({
        key: field.id,
        label: label(field.label),
        span: field.type === 'subform' || field.type === 'textarea' ? (phone ? 1 : 2) : 1,
        children:
          field.type === 'subform' ? (
            <SubformRows field={field} rows={data[field.id]} />
          ) : (
            valueText(field, data[field.id], i18n.language, t, nameOf) || (
              <span className="empty-value">—</span>
            )
          ),
      }))}
    />
  );
}

/** A table's rows as a small read-only table (stacked on a phone by CSS). */
function SubformRows({ field, rows }: { field: FieldDef; rows: unknown }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const columns = shownFields((field.fields ?? []) as FieldDef[]);
  if (!Array.isArray(rows) || rows.length === 0) return <span className="empty-value">—</span>;
  return (
    <div className="subform-rows">
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.id}>{label(column.label)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row: Record<string, unknown>, index) => (
            <tr key={String(row._id ?? index)}>
              {columns.map((column) => (
                <td key={column.id} data-label={label(column.label)}>
                  {valueText(column, row[column.id], i18n.language, t)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

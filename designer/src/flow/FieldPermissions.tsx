import { type FieldPermission, fieldTypes, type FieldPermissions as Permissions } from '@forecourt/schemas';
import { Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFlowDesigner } from './context';
import { useLabelText } from './labels';

const LEVELS: FieldPermission[] = ['hidden', 'read', 'edit', 'required'];

/**
 * What the node's people see and change of each field: hidden, read-only (the default, so not stored),
 * editable or required. Computed fields can only be read or hidden.
 */
export function FieldPermissions({
  value,
  onChange,
}: {
  value: Permissions | undefined;
  onChange(value: Permissions | undefined): void;
}) {
  const { t } = useTranslation();
  const { form } = useFlowDesigner();
  const labelText = useLabelText();
  const fields = (form?.fields ?? []).filter((f) => fieldTypes.get(f.type)?.storesValue !== false);
  const words: Record<FieldPermission, string> = {
    hidden: t('flowDesigner.permission.hidden'),
    read: t('flowDesigner.permission.read'),
    edit: t('flowDesigner.permission.edit'),
    required: t('flowDesigner.permission.required'),
  };
  const set = (fieldId: string, level: FieldPermission) => {
    const next = { ...(value ?? {}) };
    if (level === 'read') delete next[fieldId];
    else next[fieldId] = level;
    onChange(Object.keys(next).length ? next : undefined);
  };
  if (!fields.length) return <p className="flow-muted">{t('flowDesigner.permission.noFields')}</p>;
  return (
    <table className="flow-permissions">
      <thead>
        <tr>
          <th scope="col">{t('flowDesigner.permission.field')}</th>
          <th scope="col">{t('flowDesigner.permission.access')}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => {
          const type = fieldTypes.get(field.type);
          const typedInto = !!type && type.storesValue && !type.computed;
          const name = labelText(field.label, field.id);
          return (
            <tr key={field.id} data-field-id={field.id}>
              <th scope="row">{name}</th>
              <td>
                <Radio.Group
                  size="small"
                  optionType="button"
                  aria-label={name}
                  value={value?.[field.id] ?? 'read'}
                  onChange={(event) => set(field.id, event.target.value as FieldPermission)}
                  options={LEVELS.map((level) => ({
                    value: level,
                    label: words[level],
                    disabled: !typedInto && (level === 'edit' || level === 'required'),
                  }))}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * One field of a query link as a labelled input. Each type's control (and how its value maps to the form
 * store) is in controls.tsx; a type the person picks a value for is asked for with "choose".
 */
import { type FieldTypeName, fieldTypes, isFieldType } from '@forecourt/schemas';
import { Form } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../api/types';
import { useLabel } from '../i18n/label';
import { CONTROLS, type PublicControl } from './controls';

/** The control of the field's type; an unknown type (a newer server) is typed as text. */
const controlOf = (field: FieldDef): PublicControl =>
  CONTROLS[isFieldType(field.type) ? field.type : ('text' satisfies FieldTypeName)];

/** What the browser can check before sending; the server checks everything again and says the rest. */
function rules(field: FieldDef, control: PublicControl, text: string, t: TFunction): Rule[] {
  const choose = fieldTypes.get(field.type)?.chosen === true;
  return [
    {
      required: true,
      message: choose
        ? t('publicPage.field.choose', { label: text })
        : t('publicPage.field.required', { label: text }),
      ...(control.notText ? {} : { whitespace: true }),
    } as Rule,
    ...(control.rules?.(field, t) ?? []),
  ];
}

/**
 * A query field as a labelled form item, its value under the field id. Every query field must be given
 * (the server matches on all of them), so each is required.
 */
export function PublicField({ field }: { field: FieldDef }) {
  const { t } = useTranslation();
  const label = useLabel();
  const text = label(field.label);
  const control = controlOf(field);
  return (
    <Form.Item
      name={field.id}
      label={control.ownLabel?.(field) ? undefined : text}
      required
      rules={rules(field, control, text, t)}
      extra={field.description ? label(field.description) : undefined}
      {...control.mapping}
    >
      {control.render(field, { label, t })}
    </Form.Item>
  );
}

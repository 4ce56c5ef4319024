/** Yes / no: a switch, or a checkbox when the designer chose one. */
import { Checkbox, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldWidget, WidgetProps } from '../types';

function BooleanInput({ field, id, value, onChange, readOnly }: WidgetProps<boolean>) {
  const { t } = useTranslation();
  if (field.display === 'checkbox')
    return (
      <Checkbox
        id={id}
        checked={value === true}
        disabled={readOnly}
        onChange={(e) => onChange(e.target.checked)}
      >
        {t('fill.yes')}
      </Checkbox>
    );
  return (
    <Switch
      id={id}
      checked={value === true}
      disabled={readOnly}
      checkedChildren={t('fill.yes')}
      unCheckedChildren={t('fill.no')}
      onChange={(checked) => onChange(checked)}
    />
  );
}

export const booleanWidgets: Record<string, FieldWidget> = {
  boolean: { Component: BooleanInput as FieldWidget['Component'] },
};

/** Text-like fields: one line, several lines, and the checked formats (email, link, phone, plate, VIN, ID). */
import { Input } from 'antd';
import { useLabel } from '../../i18n/label';
import type { FieldWidget, WidgetProps } from '../types';

type Label = { zh: string; en: string };

interface TextOptions {
  inputMode?: 'text' | 'email' | 'url' | 'tel';
  /** Plates, VINs and ID numbers are written in capitals; typing them so saves a correction later. */
  upperCase?: boolean;
  maxLength?: number;
}

const OPTIONS: Record<string, TextOptions> = {
  text: {},
  email: { inputMode: 'email' },
  url: { inputMode: 'url' },
  phone: { inputMode: 'tel', maxLength: 20 },
  plate: { upperCase: true, maxLength: 10 },
  vin: { upperCase: true, maxLength: 17 },
  resident_id: { upperCase: true, maxLength: 18 },
};

function TextInput({ field, id, value, onChange, readOnly, invalid }: WidgetProps<string>) {
  const options = OPTIONS[field.type] ?? {};
  const label = useLabel();
  const placeholder = label(field.placeholder as Label | undefined) || undefined;
  const max = typeof field.maxLength === 'number' ? field.maxLength : options.maxLength;
  return (
    <Input
      id={id}
      value={value ?? ''}
      placeholder={placeholder}
      maxLength={max}
      inputMode={options.inputMode}
      readOnly={readOnly}
      status={invalid ? 'error' : undefined}
      onChange={(event) => {
        const text = options.upperCase ? event.target.value.toUpperCase() : event.target.value;
        onChange(text === '' ? null : text);
      }}
    />
  );
}

function TextArea({ field, id, value, onChange, readOnly, invalid }: WidgetProps<string>) {
  const label = useLabel();
  return (
    <Input.TextArea
      id={id}
      value={value ?? ''}
      placeholder={label(field.placeholder as Label | undefined) || undefined}
      maxLength={typeof field.maxLength === 'number' ? field.maxLength : undefined}
      autoSize={{ minRows: 2, maxRows: 8 }}
      readOnly={readOnly}
      status={invalid ? 'error' : undefined}
      onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
    />
  );
}

export const textWidgets = {
  text: { Component: TextInput as FieldWidget['Component'] },
  textarea: { Component: TextArea as FieldWidget['Component'], wide: true },
  email: { Component: TextInput as FieldWidget['Component'] },
  url: { Component: TextInput as FieldWidget['Component'] },
  phone: { Component: TextInput as FieldWidget['Component'] },
  plate: { Component: TextInput as FieldWidget['Component'] },
  vin: { Component: TextInput as FieldWidget['Component'] },
  resident_id: { Component: TextInput as FieldWidget['Component'] },
} satisfies Record<string, FieldWidget>;

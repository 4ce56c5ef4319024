/** Single and multiple choice: a dropdown, radio buttons, checkboxes or tags, each option in its colour. */
import type { OptionDef } from '@forecourt/schemas';
import { Checkbox, Radio, Select, Tag } from 'antd';
import { useLabel } from '../../i18n/label';
import type { FieldWidget, WidgetProps } from '../types';

function optionsOf(field: WidgetProps['field']): OptionDef[] {
  return Array.isArray(field.options) ? (field.options as OptionDef[]) : [];
}

function Dot({ color }: { color?: string }) {
  return color ? <span className="fill-option-dot" style={{ background: color }} aria-hidden /> : null;
}

function SelectInput({ field, id, value, onChange, readOnly, invalid }: WidgetProps<string>) {
  const label = useLabel();
  const options = optionsOf(field);
  if (field.display === 'radio')
    return (
      <Radio.Group
        id={id}
        value={value ?? undefined}
        disabled={readOnly}
        onChange={(event) => onChange(event.target.value ?? null)}
      >
        {options.map((option) => (
          <Radio key={option.value} value={option.value}>
            <Dot color={option.color} />
            {label(option.label)}
          </Radio>
        ))}
      </Radio.Group>
    );
  return (
    <Select
      id={id}
      value={value ?? undefined}
      allowClear
      showSearch={{ optionFilterProp: 'title' }}
      disabled={readOnly}
      status={invalid ? 'error' : undefined}
      onChange={(next: string | undefined) => onChange(next ?? null)}
      options={options.map((option) => ({
        value: option.value,
        title: label(option.label),
        label: (
          <span>
            <Dot color={option.color} />
            {label(option.label)}
          </span>
        ),
      }))}
    />
  );
}

function MultiselectInput({ field, id, value, onChange, readOnly, invalid }: WidgetProps<string[]>) {
  const label = useLabel();
  const options = optionsOf(field);
  const chosen = Array.isArray(value) ? value : [];
  // Stored in the order of the options, as the server stores them.
  const ordered = (next: string[]) => {
    const values = options.map((o) => o.value).filter((v) => next.includes(v));
    onChange(values.length ? values : null);
  };
  if (field.display === 'tags')
    return (
      <Select
        id={id}
        mode="multiple"
        value={chosen}
        disabled={readOnly}
        status={invalid ? 'error' : undefined}
        showSearch={{ optionFilterProp: 'title' }}
        onChange={ordered}
        tagRender={({ value: v, closable, onClose }) => {
          const option = options.find((o) => o.value === v);
          return (
            <Tag color={option?.color} closable={closable} onClose={onClose}>
              {option ? label(option.label) : String(v)}
            </Tag>
          );
        }}
        options={options.map((option) => ({
          value: option.value,
          title: label(option.label),
          label: label(option.label),
        }))}
      />
    );
  return (
    <Checkbox.Group<string> value={chosen} disabled={readOnly} onChange={(next) => ordered(next as string[])}>
      {options.map((option) => (
        <Checkbox key={option.value} value={option.value} id={option === options[0] ? id : undefined}>
          <Dot color={option.color} />
          {label(option.label)}
        </Checkbox>
      ))}
    </Checkbox.Group>
  );
}

export const choiceWidgets: Record<string, FieldWidget> = {
  select: { Component: SelectInput as FieldWidget['Component'] },
  multiselect: { Component: MultiselectInput as FieldWidget['Component'] },
};

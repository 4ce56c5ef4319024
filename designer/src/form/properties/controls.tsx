/**
 * The small inputs every properties panel is made of, each with a visible label bound to its control
 * (screen readers and `getByLabel` in tests find them by it).
 */
import type { FieldDef, Label } from '@forecourt/schemas';
import { Input, InputNumber, Select, Switch } from 'antd';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { setProp } from '../model';

/** What each type panel gets: the field, and a way to change it (`merge` coalesces typing in the undo history). */
export interface FieldPanelProps {
  field: FieldDef;
  update(change: (field: FieldDef) => FieldDef, merge?: string): void;
}

export function Prop({
  label,
  children,
  wide,
}: {
  label: string;
  wide?: boolean;
  children(id: string): ReactNode;
}) {
  const id = useId();
  return (
    <div className={`fd-prop${wide ? ' is-wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** A bilingual label: Chinese and English side by side, both required by the meta-schema. */
export function LabelInputs({
  label,
  value,
  onChange,
  optional,
  textarea,
}: {
  label: string;
  value: Label | undefined;
  onChange(value: Label | undefined): void;
  optional?: boolean;
  textarea?: boolean;
}) {
  const { t } = useTranslation();
  const zhId = useId();
  const enId = useId();
  const set = (side: 'zh' | 'en', text: string) => {
    const next = { zh: value?.zh ?? '', en: value?.en ?? '', [side]: text };
    onChange(optional && next.zh === '' && next.en === '' ? undefined : next);
  };
  const Box = textarea ? Input.TextArea : Input;
  return (
    <fieldset className="fd-label-inputs">
      <legend>{label}</legend>
      <label htmlFor={zhId}>{t('formDesigner.props.chinese')}</label>
      <Box id={zhId} value={value?.zh ?? ''} onChange={(e) => set('zh', e.target.value)} />
      <label htmlFor={enId}>{t('formDesigner.props.english')}</label>
      <Box id={enId} value={value?.en ?? ''} onChange={(e) => set('en', e.target.value)} />
    </fieldset>
  );
}

export function NumberProp({
  field,
  update,
  name,
  label,
  min,
  max,
}: FieldPanelProps & { name: string; label: string; min?: number; max?: number }) {
  const value = field[name];
  return (
    <Prop label={label}>
      {(id) => (
        <InputNumber
          id={id}
          value={typeof value === 'number' ? value : null}
          min={min}
          max={max}
          onChange={(next) => update((f) => setProp(f, name, next ?? undefined), `${field.id}.${name}`)}
        />
      )}
    </Prop>
  );
}

export function TextProp({ field, update, name, label }: FieldPanelProps & { name: string; label: string }) {
  const value = field[name];
  return (
    <Prop label={label}>
      {(id) => (
        <Input
          id={id}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => update((f) => setProp(f, name, e.target.value), `${field.id}.${name}`)}
        />
      )}
    </Prop>
  );
}

export function SwitchProp({
  field,
  update,
  name,
  label,
}: FieldPanelProps & { name: string; label: string }) {
  return (
    <Prop label={label}>
      {(id) => (
        <Switch
          id={id}
          checked={field[name] === true}
          onChange={(checked) => update((f) => setProp(f, name, checked || undefined))}
        />
      )}
    </Prop>
  );
}

export function ChoiceProp({
  field,
  update,
  name,
  label,
  choices,
  allowClear,
}: FieldPanelProps & {
  name: string;
  label: string;
  choices: { value: string; label: string }[];
  allowClear?: boolean;
}) {
  const value = field[name];
  return (
    <Prop label={label}>
      {(id) => (
        <Select
          id={id}
          value={typeof value === 'string' ? value : undefined}
          options={choices}
          allowClear={allowClear}
          onChange={(next: string | undefined) => update((f) => setProp(f, name, next))}
        />
      )}
    </Prop>
  );
}

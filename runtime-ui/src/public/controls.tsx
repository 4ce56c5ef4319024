/**
 * How a query link asks for each type's value: light antd controls, so a query page loads no form renderer
 * (fill links use form/FormRenderer.tsx). Keyed by `FieldTypeName`, so the compiler names a new type until
 * it has a line here. Values stay in the API's shape in the form store (dates as `2026-06-15`, datetimes
 * as ISO instants, percentages as fractions), so a submission sends the store as it is. Native date
 * inputs: the phone's own picker, and no date library in the chunk.
 */
import { type FieldTypeName, MAX_MILEAGE } from '@forecourt/schemas';
import { Checkbox, Input, InputNumber, Radio, Rate, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { FieldDef, Label } from '../api/types';

interface OptionDef {
  value: string;
  label: Label;
}

/** What a control may use besides its field. */
export interface ControlContext {
  label(label: Label | null | undefined): string;
  t: TFunction;
}

export interface PublicControl {
  render(field: FieldDef, context: ControlContext): ReactNode;
  /** How the control's value maps to and from the form store (Form.Item props). */
  mapping?: Record<string, unknown>;
  /** Checks the browser can make before sending, beyond "required". */
  rules?(field: FieldDef, t: TFunction): Rule[];
  /** A value that is never blank text (a switch): "required" must not ask for non-blank text. */
  notText?: boolean;
  /** Whether the control shows the field's label itself (a checkbox), so the item shows none. */
  ownLabel?(field: FieldDef): boolean;
}

const numberOr = (value: unknown) => (typeof value === 'number' ? value : undefined);
const stringOr = (value: unknown) => (typeof value === 'string' ? value : undefined);

function localInput(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A line of text; the keyboard and autofill a phone offers for it. */
function typed(inputMode: 'tel' | 'email' | 'url' | 'text' = 'text', autoComplete = 'off'): PublicControl {
  return {
    render: (field, { label }) => (
      <Input
        inputMode={inputMode}
        autoComplete={autoComplete}
        maxLength={numberOr(field.maxLength)}
        placeholder={field.placeholder ? label(field.placeholder as Label) : undefined}
      />
    ),
  };
}

const options = (field: FieldDef, label: ControlContext['label']) =>
  ((field.options ?? []) as OptionDef[]).map((o) => ({ value: o.value, label: label(o.label) }));

const text = typed();

const number: PublicControl = {
  render: (field) => (
    <InputNumber
      className="public-number"
      inputMode="decimal"
      precision={numberOr(field.precision)}
      min={numberOr(field.min)}
      max={numberOr(field.max)}
      suffix={stringOr(field.unit)}
    />
  ),
};

const money: PublicControl = {
  render: (field) => (
    <InputNumber
      className="public-number"
      inputMode="decimal"
      stringMode
      precision={numberOr(field.scale ?? 2)}
      min={numberOr(field.min)}
      max={numberOr(field.max)}
    />
  ),
};

const mileage: PublicControl = {
  render: (_field, { t }) => (
    <InputNumber<number>
      className="public-number"
      inputMode="numeric"
      precision={0}
      min={0}
      max={MAX_MILEAGE}
      formatter={(value) => String(value ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}
      parser={(value) => {
        const digits = (value ?? '').replace(/[^\d]/g, '');
        return digits === '' ? Number.NaN : Number(digits);
      }}
      suffix={t('publicPage.field.kilometres')}
    />
  ),
};

const percent: PublicControl = {
  render: () => <InputNumber className="public-number" inputMode="decimal" suffix="%" />,
  mapping: {
    getValueProps: (value: unknown) => ({
      value: typeof value === 'number' ? Number((value * 100).toPrecision(12)) : value,
    }),
    normalize: (value: number | null) =>
      typeof value === 'number' ? Number((value / 100).toPrecision(12)) : null,
  },
};

const date: PublicControl = {
  render: (field) => <Input type="date" min={stringOr(field.min)} max={stringOr(field.max)} />,
};

const datetime: PublicControl = {
  render: () => <Input type="datetime-local" />,
  mapping: {
    getValueProps: (value: unknown) => ({ value: localInput(value) }),
    normalize: (value: string) => (value ? new Date(value).toISOString() : null),
  },
};

const boolean: PublicControl = {
  render: (field, { label }) =>
    field.display === 'checkbox' ? <Checkbox>{label(field.label)}</Checkbox> : <Switch />,
  mapping: { valuePropName: 'checked' },
  notText: true,
  ownLabel: (field) => field.display === 'checkbox',
};

const select: PublicControl = {
  render: (field, { label }) =>
    field.display === 'radio' ? (
      <Radio.Group
        className="public-choices"
        aria-label={label(field.label)}
        options={options(field, label)}
      />
    ) : (
      <Select options={options(field, label)} allowClear />
    ),
};

const multiselect: PublicControl = {
  render: (field, { label }) => (
    <Checkbox.Group
      className="public-choices"
      aria-label={label(field.label)}
      options={options(field, label)}
    />
  ),
};

const rating: PublicControl = {
  render: (field, { label }) => <Rate count={numberOr(field.max) ?? 5} aria-label={label(field.label)} />,
};

const nps: PublicControl = {
  render: (field, { label }) => (
    <Radio.Group
      className="public-nps"
      optionType="button"
      aria-label={label(field.label)}
      options={Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n) }))}
    />
  ),
};

const email: PublicControl = {
  ...typed('email', 'email'),
  rules: (_field, t) => [{ type: 'email', message: t('publicPage.field.email') }],
};

/**
 * Every type's control. Tables and files are never query fields (the server refuses them), nor are
 * layout and system fields; they, people, links and computed values would be typed as text.
 */
export const CONTROLS: Record<FieldTypeName, PublicControl> = {
  text,
  textarea: {
    render: (field) => (
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={numberOr(field.maxLength)} />
    ),
  },
  number,
  money,
  percent,
  mileage,
  date,
  datetime,
  boolean,
  select,
  multiselect,
  rating,
  nps,
  phone: typed('tel', 'tel'),
  email,
  url: typed('url'),
  vin: text,
  plate: text,
  resident_id: text,
  address: text,
  location: text,
  serial: text,
  formula: text,
  lookup: text,
  rollup: text,
  member: text,
  department: text,
  relation: text,
  subform: text,
  attachment: text,
  image: text,
  signature: text,
  created_by: text,
  created_at: text,
  updated_by: text,
  updated_at: text,
  flow_state: text,
  divider: text,
  description: text,
};

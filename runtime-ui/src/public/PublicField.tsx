/**
 * One field of a query link as an input: light antd controls, so a query page loads no form renderer
 * (fill links use form/FormRenderer.tsx). Query fields are top-level fields holding one value; any type
 * but tables and files may be one. Values stay in the API's shape in the form store (dates as `2026-06-15`,
 * datetimes as ISO instants, percentages as fractions), so a submission sends the store as it is.
 * Native date inputs: the phone's own picker, and no date library in the chunk.
 */

import { fieldTypes } from '@forecourt/schemas';
import { Checkbox, Form, Input, InputNumber, Radio, Rate, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDef, Label } from '../api/types';
import { useLabel } from '../i18n/label';

interface OptionDef {
  value: string;
  label: Label;
}

const INPUT_MODE: Record<string, 'tel' | 'email' | 'url' | 'text'> = {
  phone: 'tel',
  email: 'email',
  url: 'url',
};

const AUTOCOMPLETE: Record<string, string> = { phone: 'tel', email: 'email' };

function localInput(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function control(field: FieldDef, label: (l: Label | null | undefined) => string): ReactNode {
  const options = ((field.options ?? []) as OptionDef[]).map((o) => ({
    value: o.value,
    label: label(o.label),
  }));
  switch (field.type) {
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={numberOr(field.maxLength)} />;
    case 'number':
    case 'money':
      return (
        <InputNumber
          className="public-number"
          inputMode="decimal"
          stringMode={field.type === 'money'}
          precision={numberOr(field.type === 'money' ? (field.scale ?? 2) : field.precision)}
          min={numberOr(field.min)}
          max={numberOr(field.max)}
          suffix={typeof field.unit === 'string' ? field.unit : undefined}
        />
      );
    case 'percent':
      return <InputNumber className="public-number" inputMode="decimal" suffix="%" />;
    case 'date':
      return <Input type="date" min={stringOr(field.min)} max={stringOr(field.max)} />;
    case 'datetime':
      return <Input type="datetime-local" />;
    case 'boolean':
      return field.display === 'checkbox' ? <Checkbox>{label(field.label)}</Checkbox> : <Switch />;
    case 'select':
      return field.display === 'radio' ? (
        <Radio.Group className="public-choices" aria-label={label(field.label)} options={options} />
      ) : (
        <Select options={options} allowClear />
      );
    case 'multiselect':
      return <Checkbox.Group className="public-choices" aria-label={label(field.label)} options={options} />;
    case 'rating':
      return <Rate count={numberOr(field.max) ?? 5} aria-label={label(field.label)} />;
    case 'nps':
      return (
        <Radio.Group
          className="public-nps"
          optionType="button"
          aria-label={label(field.label)}
          options={Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n) }))}
        />
      );
    default:
      return (
        <Input
          inputMode={INPUT_MODE[field.type] ?? 'text'}
          autoComplete={AUTOCOMPLETE[field.type] ?? 'off'}
          maxLength={numberOr(field.maxLength)}
          placeholder={field.placeholder ? label(field.placeholder as Label) : undefined}
        />
      );
  }
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** What the browser can check before sending; the server checks everything again and says the rest. */
function rules(field: FieldDef, text: string, t: TFunction, required: boolean): Rule[] {
  const list: Rule[] = [];
  if (required) {
    const choose = fieldTypes.get(field.type)?.chosen === true;
    list.push({
      required: true,
      message: choose
        ? t('publicPage.field.choose', { label: text })
        : t('publicPage.field.required', { label: text }),
      ...(field.type === 'boolean' ? {} : { whitespace: true }),
    } as Rule);
  }
  if (field.type === 'email') list.push({ type: 'email', message: t('publicPage.field.email') });
  return list;
}

/** How a control's value maps to and from the form store, where values keep the API's shape. */
function valueMapping(field: FieldDef) {
  switch (field.type) {
    case 'boolean':
      return { valuePropName: 'checked' };
    case 'datetime':
      return {
        getValueProps: (value: unknown) => ({ value: localInput(value) }),
        normalize: (value: string) => (value ? new Date(value).toISOString() : null),
      };
    case 'percent':
      return {
        getValueProps: (value: unknown) => ({
          value: typeof value === 'number' ? Number((value * 100).toPrecision(12)) : value,
        }),
        normalize: (value: number | null) =>
          typeof value === 'number' ? Number((value / 100).toPrecision(12)) : null,
      };
    default:
      return {};
  }
}

/**
 * A query field as a labelled form item, its value under the field id. Every query field must be given
 * (the server matches on all of them), so each is required.
 */
export function PublicField({ field }: { field: FieldDef }) {
  const { t } = useTranslation();
  const label = useLabel();
  const text = label(field.label);
  const checkbox = field.type === 'boolean' && field.display === 'checkbox';
  return (
    <Form.Item
      name={field.id}
      label={checkbox ? undefined : text}
      required
      rules={rules(field, text, t, true)}
      extra={field.description ? label(field.description) : undefined}
      {...valueMapping(field)}
    >
      {control(field, label)}
    </Form.Item>
  );
}

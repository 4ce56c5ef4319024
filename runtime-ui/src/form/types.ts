/** What every widget of the form renderer receives, whether it sits on the form or in a table cell. */
import type { FieldDef } from '@forecourt/schemas';
import type { ComponentType } from 'react';

/** Record data as the form holds it: field id → value, `null` or absent when empty. */
export type FormData = Record<string, unknown>;

/** Server or client errors under a field: `''` is the field itself, `/1/f_qty` a table cell. */
export type FieldErrors = Record<string, string[]>;

export interface WidgetProps<V = unknown> {
  field: FieldDef;
  /** The input's DOM id, which the label points at. */
  id: string;
  value: V | null | undefined;
  onChange(value: V | null): void;
  readOnly: boolean;
  /** Shown red: the field (or cell) has an error. */
  invalid: boolean;
  /** Errors inside the value (table cells), keyed by JSON pointer relative to the field. */
  errors: FieldErrors;
}

export interface FieldWidget<V = unknown> {
  Component: ComponentType<WidgetProps<V>>;
  /** Layout items (divider, description) span the row and have no label of their own. */
  layout?: boolean;
  /** Always shown read-only: the server computes the value (formula, serial, system fields). */
  computed?: boolean;
  /** Wide widgets (tables, long text) take the whole row on a desktop. */
  wide?: boolean;
}

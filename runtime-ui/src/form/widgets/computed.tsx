/**
 * Values the server computes (formulas, lookups, rollups, serial numbers, system fields): shown, never
 * typed. Formulas and table rollups are recomputed live in the browser (form/live) as the user types; the
 * server computes them again when saving, so what is stored never depends on the browser.
 */
import { useTranslation } from 'react-i18next';
import { valueText } from '../../records/display';
import type { FieldWidget, WidgetProps } from '../types';

function ComputedValue({ field, id, value }: WidgetProps) {
  const { t, i18n } = useTranslation();
  const text = valueText(field, value, i18n.language, t);
  const pending = field.type === 'serial' || field.type === 'created_at' || field.type === 'created_by';
  return (
    <output id={id} className="fill-computed" aria-live="polite">
      {text || <span className="fill-computed-empty">{pending ? t('fill.assignedOnSave') : '—'}</span>}
    </output>
  );
}

const computed: FieldWidget = { Component: ComputedValue, computed: true };

export const computedWidgets = {
  formula: computed,
  lookup: computed,
  rollup: computed,
  serial: computed,
  created_by: computed,
  created_at: computed,
  updated_by: computed,
  updated_at: computed,
  flow_state: computed,
} satisfies Record<string, FieldWidget>;

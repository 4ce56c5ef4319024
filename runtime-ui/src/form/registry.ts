/**
 * One widget per field type, keyed by the type name the schemas registry uses: adding a type means one
 * widget module and one line here. tests (fill widgets) check every registered type has a widget.
 *
 * Text, computed and layout widgets are small and on nearly every form, so they load with the renderer;
 * the others load per type when a form first shows one (widgets/lazy.tsx), which keeps antd's upload,
 * tree select and cascader, signature_pad and the region table off forms that do not use them
 * (docs/performance.md, B13). What the layout needs to know of a widget (layout, computed, wide) is
 * declared here, so the form is laid out before any widget module arrives.
 */
import { loadRegionTable } from '@forecourt/schemas';
import type { FieldWidget } from './types';
import { computedWidgets } from './widgets/computed';
import { layoutWidgets } from './widgets/layout';
import { lazyWidget, type WidgetModule } from './widgets/lazy';
import { textWidgets } from './widgets/text';

// The region table (schemas' loadRegionTable) comes with the address widget, never before.
const address: WidgetModule = () =>
  Promise.all([import('./widgets/address'), loadRegionTable()]).then(([m]) => m.addressWidgets);
const boolean: WidgetModule = () => import('./widgets/boolean').then((m) => m.booleanWidgets);
const choice: WidgetModule = () => import('./widgets/choice').then((m) => m.choiceWidgets);
const date: WidgetModule = () => import('./widgets/date').then((m) => m.dateWidgets);
const files: WidgetModule = () => import('./widgets/files').then((m) => m.fileWidgets);
const location: WidgetModule = () => import('./widgets/location').then((m) => m.locationWidgets);
const number: WidgetModule = () => import('./widgets/number').then((m) => m.numberWidgets);
const people: WidgetModule = () => import('./widgets/people').then((m) => m.peopleWidgets);
const rating: WidgetModule = () => import('./widgets/rating').then((m) => m.ratingWidgets);
const relation: WidgetModule = () => import('./widgets/relation').then((m) => m.relationWidgets);
const signature: WidgetModule = () => import('./widgets/signature').then((m) => m.signatureWidgets);
const subform: WidgetModule = () => import('./widgets/subform').then((m) => m.subformWidgets);

/** Lazily loaded types: the module, and how the type is laid out. */
const LAZY: Record<string, { load: WidgetModule; wide?: boolean }> = {
  number: { load: number },
  money: { load: number },
  percent: { load: number },
  date: { load: date },
  datetime: { load: date },
  select: { load: choice },
  multiselect: { load: choice },
  boolean: { load: boolean },
  rating: { load: rating },
  nps: { load: rating },
  member: { load: people },
  department: { load: people },
  address: { load: address },
  relation: { load: relation },
  subform: { load: subform, wide: true },
  image: { load: files, wide: true },
  attachment: { load: files, wide: true },
  signature: { load: signature },
  location: { load: location },
};

export const WIDGETS: Readonly<Record<string, FieldWidget>> = {
  ...textWidgets,
  ...computedWidgets,
  ...layoutWidgets,
  ...Object.fromEntries(
    Object.entries(LAZY).map(([type, { load, wide }]) => [
      type,
      { Component: lazyWidget(load, type), ...(wide ? { wide } : {}) } satisfies FieldWidget,
    ]),
  ),
};

/** The widget of a type; an unknown type (a newer server) shows its value read-only rather than failing. */
export function widgetFor(type: string): FieldWidget {
  return WIDGETS[type] ?? (computedWidgets.formula as FieldWidget);
}

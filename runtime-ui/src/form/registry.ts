/**
 * One widget per field type, keyed by the type name the schemas registry uses: adding a type means one
 * widget module and one line here; the compiler names a registered type without a widget.
 *
 * Text, computed and layout widgets are small and on nearly every form, so they load with the renderer;
 * the others load per type when a form first shows one (widgets/lazy.tsx), which keeps antd's upload,
 * tree select and cascader, signature_pad and the region table off forms that do not use them
 * (docs/performance.md, B13). What the layout needs to know of a widget (layout, computed, wide) is
 * declared here, so the form is laid out before any widget module arrives.
 */
import { type FieldTypeName, loadRegionTable } from '@forecourt/schemas';
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

const mileage: WidgetModule = () => import('./widgets/mileage').then((m) => m.mileageWidgets);

/** A widget that loads with the renderer, or one whose module loads lazily (and how it is laid out). */
type WidgetSource = FieldWidget | { load: WidgetModule; wide?: boolean };

/** Every type's widget: a `Record<FieldTypeName, …>`, so the compiler names a type without one. */
const SOURCES: Record<FieldTypeName, WidgetSource> = {
  ...textWidgets,
  ...computedWidgets,
  ...layoutWidgets,
  number: { load: number },
  money: { load: number },
  percent: { load: number },
  mileage: { load: mileage },
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

export const WIDGETS: Readonly<Record<string, FieldWidget>> = Object.fromEntries(
  Object.entries(SOURCES).map(([type, source]): [string, FieldWidget] => [
    type,
    'load' in source
      ? { Component: lazyWidget(source.load, type), ...(source.wide ? { wide: true } : {}) }
      : source,
  ]),
);

/** The widget of a type; an unknown type (a newer server) shows its value read-only rather than failing. */
export function widgetFor(type: string): FieldWidget {
  return WIDGETS[type] ?? (computedWidgets.formula as FieldWidget);
}

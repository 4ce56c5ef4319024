/**
 * A widget whose module loads the first time a form shows a field of its type, so a public booking form
 * on a customer's phone does not download the date picker's neighbours it never shows: upload, tree
 * select, the signature pad, the region table. While the module loads, an input-sized placeholder keeps
 * the layout from jumping.
 */
import { Skeleton } from 'antd';
import { type ComponentType, lazy, Suspense } from 'react';
import type { FieldWidget, WidgetProps } from '../types';

export type WidgetModule = () => Promise<Record<string, FieldWidget>>;

export function lazyWidget(load: WidgetModule, type: string): ComponentType<WidgetProps> {
  const Loaded = lazy(async () => {
    const widget = (await load())[type];
    if (!widget) throw new Error(`No widget for the field type ${type}.`);
    return { default: widget.Component };
  });
  // Made once per field type when the registry module loads (never during a render), so its identity is stable.
  // biome-ignore lint/correctness/noComponentHookFactories: a module-level factory, not a render-time one
  function LazyWidget(props: WidgetProps) {
    return (
      <Suspense fallback={<Skeleton.Input active block className="fill-widget-loading" />}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  LazyWidget.displayName = `LazyWidget(${type})`;
  return LazyWidget;
}

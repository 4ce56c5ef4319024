/** Layout items: a divider with an optional title, and fixed text (instructions, terms). Nothing is stored. */
import { Divider, Typography } from 'antd';
import { useLabel } from '../../i18n/label';
import type { FieldWidget, WidgetProps } from '../types';

type Label = { zh: string; en: string };

function DividerItem({ field }: WidgetProps) {
  const label = useLabel();
  const title = label(field.title as Label | undefined);
  if (field.style === 'space') return <div className="fill-space" />;
  return (
    <Divider titlePlacement="start" className="fill-divider">
      {title || undefined}
    </Divider>
  );
}

function DescriptionItem({ field }: WidgetProps) {
  const label = useLabel();
  return (
    <Typography.Paragraph className="fill-description">
      {label(field.content as Label | undefined)}
    </Typography.Paragraph>
  );
}

export const layoutWidgets = {
  divider: { Component: DividerItem, layout: true },
  description: { Component: DescriptionItem, layout: true },
} satisfies Record<string, FieldWidget>;

/** Stars (1 to max) for satisfaction, and the 0–10 Net Promoter Score after a service visit. */
import { Radio, Rate } from 'antd';
import { useLabel } from '../../i18n/label';
import type { FieldWidget, WidgetProps } from '../types';

function RatingInput({ field, id, value, onChange, readOnly }: WidgetProps<number>) {
  const max = typeof field.max === 'number' ? field.max : 5;
  return (
    <Rate
      id={id}
      count={max}
      value={value ?? 0}
      disabled={readOnly}
      onChange={(stars) => onChange(stars > 0 ? stars : null)}
    />
  );
}

const SCORES = Array.from({ length: 11 }, (_, i) => i);

function NpsInput({ field, id, value, onChange, readOnly }: WidgetProps<number>) {
  const label = useLabel();
  const low = label(field.lowLabel as { zh: string; en: string } | undefined);
  const high = label(field.highLabel as { zh: string; en: string } | undefined);
  return (
    <div className="fill-nps">
      <Radio.Group
        id={id}
        optionType="button"
        value={value ?? undefined}
        disabled={readOnly}
        onChange={(event) => onChange(event.target.value)}
        options={SCORES.map((score) => ({ value: score, label: String(score) }))}
      />
      {(low || high) && (
        <div className="fill-nps-ends">
          <span>{low}</span>
          <span>{high}</span>
        </div>
      )}
    </div>
  );
}

export const ratingWidgets: Record<string, FieldWidget> = {
  rating: { Component: RatingInput as FieldWidget['Component'] },
  nps: { Component: NpsInput as FieldWidget['Component'] },
};

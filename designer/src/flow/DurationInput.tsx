import { InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { type DurationParts, joinParts, splitMinutes } from './duration';

/** A span of minutes typed as days, hours and minutes; the total is kept within `min`..`max`. */
export function DurationInput({
  minutes,
  min,
  max,
  onChange,
}: {
  minutes: number;
  min: number;
  max: number;
  onChange(minutes: number): void;
}) {
  const { t } = useTranslation();
  const parts = splitMinutes(minutes);
  const put = (key: keyof DurationParts, value: number | null) =>
    onChange(Math.min(max, Math.max(min, joinParts({ ...parts, [key]: Math.max(0, value ?? 0) }))));
  const part = (key: keyof DurationParts, label: string, top: number) => (
    <InputNumber
      className="flow-duration__part"
      aria-label={label}
      suffix={label}
      min={0}
      max={top}
      precision={0}
      value={parts[key]}
      onChange={(value) => put(key, value)}
    />
  );
  return (
    <div className="flow-duration">
      {part('days', t('flowDesigner.delay.days'), Math.floor(max / (24 * 60)))}
      {part('hours', t('flowDesigner.delay.hours'), 23)}
      {part('minutes', t('flowDesigner.delay.minutes'), 59)}
    </div>
  );
}

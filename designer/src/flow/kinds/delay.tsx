import { HourglassOutlined } from '@ant-design/icons';
import { DELAY_MAX_MINUTES, type DelayNode } from '@forecourt/schemas';
import { Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlowDesigner } from '../context';
import { DurationInput } from '../DurationInput';
import { dateFields } from '../date-fields';
import { durationText } from '../duration';
import { Labeled } from '../Labeled';
import { useLabelText } from '../labels';
import { Section } from '../Section';
import type { KindPanelProps, NodeKindUi, SummaryContext } from './kind';

const DAY = 24 * 60;

/** "Waits 3 days", "Until 1 day before Appointment". */
function delaySummary(node: DelayNode, { t, language, labelText, form }: SummaryContext): string {
  const { wait } = node;
  if ('minutes' in wait)
    return t('flowDesigner.delay.summaryFor', { duration: durationText(wait.minutes, language) });
  const field = labelText(form?.fields.find((f) => f.id === wait.field)?.label, wait.field);
  const offset = wait.offsetMinutes ?? 0;
  const duration = durationText(Math.abs(offset), language);
  if (offset < 0) return t('flowDesigner.delay.summaryBefore', { field, duration });
  if (offset > 0) return t('flowDesigner.delay.summaryAfter', { field, duration });
  return t('flowDesigner.delay.summaryUntil', { field });
}

function DelayPanel({ node, set }: KindPanelProps<DelayNode>) {
  const { t } = useTranslation();
  const { form } = useFlowDesigner();
  const labelText = useLabelText();
  const fields = dateFields(form);
  const { wait } = node;
  const setWait = (next: DelayNode['wait']) => set({ ...node, wait: next });
  return (
    <Section title={t('flowDesigner.delay.wait')}>
      <Radio.Group
        value={'field' in wait ? 'field' : 'minutes'}
        onChange={(e) =>
          setWait(e.target.value === 'field' ? { field: fields[0]?.id ?? 'f_date' } : { minutes: DAY })
        }
        options={[
          { value: 'minutes', label: t('flowDesigner.delay.forDuration') },
          { value: 'field', label: t('flowDesigner.delay.untilField'), disabled: !fields.length },
        ]}
      />
      {'field' in wait ? (
        <>
          <Labeled text={t('flowDesigner.delay.field')}>
            {(id) => (
              <Select
                id={id}
                value={fields.some((f) => f.id === wait.field) ? wait.field : undefined}
                options={fields.map((f) => ({ value: f.id, label: labelText(f.label, f.id) }))}
                onChange={(field: string) => setWait({ ...wait, field })}
              />
            )}
          </Labeled>
          <OffsetInput
            offset={wait.offsetMinutes ?? 0}
            onChange={(offsetMinutes) =>
              setWait(offsetMinutes ? { ...wait, offsetMinutes } : { field: wait.field })
            }
          />
        </>
      ) : (
        <DurationInput
          minutes={wait.minutes}
          min={1}
          max={DELAY_MAX_MINUTES}
          onChange={(minutes) => setWait({ minutes })}
        />
      )}
      <p className="flow-muted">{t('flowDesigner.delay.help', { days: DELAY_MAX_MINUTES / DAY })}</p>
    </Section>
  );
}

/** How long before or after the field's time: a duration and a direction, stored as signed minutes. */
function OffsetInput({ offset, onChange }: { offset: number; onChange(offset: number): void }) {
  const { t } = useTranslation();
  // The direction outlives a zero offset, so "before" can be chosen first and the amount typed next.
  const [sign, setSign] = useState(offset > 0 ? 1 : -1);
  return (
    <div className="flow-field">
      <span>{t('flowDesigner.delay.offset')}</span>
      <DurationInput
        minutes={Math.abs(offset)}
        min={0}
        max={DELAY_MAX_MINUTES}
        onChange={(minutes) => onChange(sign * minutes)}
      />
      <Radio.Group
        optionType="button"
        size="small"
        value={sign}
        onChange={(e) => {
          setSign(e.target.value);
          onChange(e.target.value * Math.abs(offset));
        }}
        options={[
          { value: -1, label: t('flowDesigner.delay.before') },
          { value: 1, label: t('flowDesigner.delay.after') },
        ]}
      />
    </div>
  );
}

/** Waits a set time, or until the time in a date field of the record (moved earlier or later). */
export const delay: NodeKindUi<DelayNode> = {
  icon: <HourglassOutlined />,
  accent: '#faad14',
  name: (t) => t('flowDesigner.type.delay'),
  placeable: true,
  summary: delaySummary,
  defaults: { wait: { minutes: DAY } },
  Panel: DelayPanel,
};

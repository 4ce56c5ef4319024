import type { Deadline } from '@forecourt/schemas';
import { Checkbox, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFlowDesigner } from './context';
import { dateFields as dateFieldsOf } from './date-fields';
import { Labeled } from './Labeled';
import { useLabelText } from './labels';

/** A task's deadline: hours after it arrives or a date field; a reminder before; what happens then. */
export function DeadlineEditor({
  value,
  onChange,
}: {
  value: Deadline | undefined;
  onChange(value: Deadline | undefined): void;
}) {
  const { t } = useTranslation();
  const { form } = useFlowDesigner();
  const labelText = useLabelText();
  const dateFields = dateFieldsOf(form);
  if (!value)
    return (
      <Checkbox
        checked={false}
        // biome-ignore lint/suspicious/noThenProperty: Deadline.then is the schema's word
        onChange={() => onChange({ after: { minutes: 24 * 60 }, then: 'remind' })}
      >
        {t('flowDesigner.deadline.enable')}
      </Checkbox>
    );
  const byField = 'field' in value.after;
  const minutes = 'minutes' in value.after ? value.after.minutes : undefined;
  const remind = value.remindBefore?.[0];
  return (
    <div className="flow-stack">
      <Checkbox checked onChange={() => onChange(undefined)}>
        {t('flowDesigner.deadline.enable')}
      </Checkbox>
      <Radio.Group
        value={byField ? 'field' : 'minutes'}
        onChange={(event) =>
          onChange({
            ...value,
            after:
              event.target.value === 'field'
                ? { field: dateFields[0]?.id ?? 'f_date' }
                : { minutes: 24 * 60 },
          })
        }
        options={[
          { value: 'minutes', label: t('flowDesigner.deadline.afterHours') },
          { value: 'field', label: t('flowDesigner.deadline.byField'), disabled: !dateFields.length },
        ]}
      />
      {byField ? (
        <Select
          aria-label={t('flowDesigner.deadline.byField')}
          value={(value.after as { field: string }).field}
          options={dateFields.map((f) => ({ value: f.id, label: labelText(f.label, f.id) }))}
          onChange={(field: string) => onChange({ ...value, after: { field } })}
        />
      ) : (
        <Labeled inline text={t('flowDesigner.deadline.hours')}>
          {(id) => (
            <InputNumber
              id={id}
              min={1}
              max={720}
              value={minutes === undefined ? null : Math.round(minutes / 60)}
              onChange={(hours) => onChange({ ...value, after: { minutes: Math.max(1, hours ?? 1) * 60 } })}
            />
          )}
        </Labeled>
      )}
      <Labeled inline text={t('flowDesigner.deadline.remindHours')}>
        {(id) => (
          <InputNumber
            id={id}
            min={1}
            max={719}
            value={remind === undefined ? null : Math.round(remind / 60)}
            onChange={(hours) => {
              const { remindBefore: _old, ...rest } = value;
              onChange(hours ? { ...rest, remindBefore: [hours * 60] } : rest);
            }}
          />
        )}
      </Labeled>
      <Labeled inline text={t('flowDesigner.deadline.then')}>
        {(id) => (
          <Select
            id={id}
            className="flow-grow"
            value={value.then}
            onChange={(then: Deadline['then']) => onChange({ ...value, then })}
            options={[
              { value: 'remind', label: t('flowDesigner.deadline.remind') },
              { value: 'approve', label: t('flowDesigner.deadline.approve') },
              { value: 'return', label: t('flowDesigner.deadline.return') },
            ]}
          />
        )}
      </Labeled>
    </div>
  );
}

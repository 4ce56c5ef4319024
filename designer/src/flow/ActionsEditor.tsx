import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ACTION_KINDS, type AutomaticAction, type Label } from '@forecourt/schemas';
import { Button, Input, Select } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApproverRules } from './ApproverRules';
import { useFlowDesigner } from './context';
import { useLabelText } from './labels';

/** The automatic actions of an action node, run in order by the job worker. */
export function ActionsEditor({
  actions,
  onChange,
}: {
  actions: AutomaticAction[];
  onChange(actions: AutomaticAction[]): void;
}) {
  const { t, i18n } = useTranslation();
  const both = (say: (t: TFunction) => string): Label => ({
    zh: say(i18n.getFixedT('zh-CN') as TFunction),
    en: say(i18n.getFixedT('en') as TFunction),
  });
  const notice = both((t) => t('flowDesigner.action.defaultMessage'));
  const kindName = (kind: AutomaticAction['kind']) =>
    kind === 'updateRecord'
      ? t('flowDesigner.action.updateRecord')
      : kind === 'createRecord'
        ? t('flowDesigner.action.createRecord')
        : kind === 'webhook'
          ? t('flowDesigner.action.webhook')
          : t('flowDesigner.action.notify');
  const set = (index: number, action: AutomaticAction) =>
    onChange(actions.map((a, i) => (i === index ? action : a)));
  return (
    <div className="flow-rules">
      {actions.map((action, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: actions have no id; their order is what runs
        <div className="flow-rule" key={index}>
          <div className="flow-rule__head">
            <Select
              aria-label={t('flowDesigner.action.kind')}
              className="flow-rule__kind"
              value={action.kind}
              options={ACTION_KINDS.map((kind) => ({ value: kind, label: kindName(kind) }))}
              onChange={(kind: AutomaticAction['kind']) => set(index, emptyAction(kind, notice))}
            />
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('flowDesigner.action.remove')}
              onClick={() => onChange(actions.filter((_, i) => i !== index))}
            />
          </div>
          <ActionDetail action={action} onChange={(next) => set(index, next)} />
        </div>
      ))}
      <Button
        type="dashed"
        block
        icon={<PlusOutlined />}
        onClick={() => onChange([...actions, emptyAction('updateRecord', notice)])}
      >
        {t('flowDesigner.action.add')}
      </Button>
    </div>
  );
}

function ActionDetail({ action, onChange }: { action: AutomaticAction; onChange(a: AutomaticAction): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  switch (action.kind) {
    case 'webhook':
      return (
        <Input
          aria-label={t('flowDesigner.action.url')}
          placeholder="https://example.com/hooks/quote"
          value={action.url}
          onChange={(event) => onChange({ ...action, url: event.target.value })}
        />
      );
    case 'notify':
      return (
        <div className="flow-stack">
          <Input
            aria-label={t('flowDesigner.action.message')}
            placeholder={t('flowDesigner.action.message')}
            value={action.message[lang]}
            onChange={(event) =>
              onChange({ ...action, message: { ...action.message, [lang]: event.target.value } })
            }
          />
          <ApproverRules
            rules={action.approvers}
            onChange={(approvers) => onChange({ ...action, approvers })}
          />
        </div>
      );
    case 'createRecord':
      return (
        <div className="flow-stack">
          <Input
            aria-label={t('flowDesigner.action.formId')}
            placeholder={t('flowDesigner.action.formId')}
            value={action.formId}
            onChange={(event) => onChange({ ...action, formId: event.target.value })}
          />
          <ValuesEditor
            values={action.values}
            own={false}
            onChange={(values) => onChange({ ...action, values })}
          />
        </div>
      );
    case 'updateRecord':
      return (
        <ValuesEditor values={action.values} own onChange={(values) => onChange({ ...action, values })} />
      );
  }
}

/** Field → expression pairs; for this record's update the field is picked from the form. */
function ValuesEditor({
  values,
  own,
  onChange,
}: {
  values: Record<string, string>;
  own: boolean;
  onChange(values: Record<string, string>): void;
}) {
  const { t } = useTranslation();
  const { form } = useFlowDesigner();
  const labelText = useLabelText();
  const entries = Object.entries(values);
  const rename = (from: string, to: string) =>
    onChange(Object.fromEntries(entries.map(([id, source]) => [id === from ? to : id, source])));
  return (
    <div className="flow-stack">
      {entries.map(([id, source]) => (
        <div className="flow-value" key={id}>
          {own ? (
            <Select
              aria-label={t('flowDesigner.action.field')}
              value={id}
              options={(form?.fields ?? []).map((f) => ({ value: f.id, label: labelText(f.label, f.id) }))}
              onChange={(to: string) => rename(id, to)}
            />
          ) : (
            <Input
              aria-label={t('flowDesigner.action.field')}
              value={id}
              onChange={(e) => rename(id, e.target.value)}
            />
          )}
          <Input
            aria-label={t('flowDesigner.action.expression')}
            value={source}
            onChange={(event) => onChange({ ...values, [id]: event.target.value })}
          />
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('flowDesigner.action.removeValue')}
            onClick={() => onChange(Object.fromEntries(entries.filter(([other]) => other !== id)))}
          />
        </div>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => {
          const free =
            (form?.fields ?? []).find((f) => !(f.id in values))?.id ?? `f_value_${entries.length + 1}`;
          onChange({ ...values, [free]: "''" });
        }}
      >
        {t('flowDesigner.action.addValue')}
      </Button>
    </div>
  );
}

function emptyAction(kind: AutomaticAction['kind'], notice: Label): AutomaticAction {
  switch (kind) {
    case 'updateRecord':
      return { kind, values: {} };
    case 'createRecord':
      return { kind, formId: 'frm_other', values: {} };
    case 'webhook':
      return { kind, url: 'https://' };
    case 'notify':
      return { kind, approvers: [{ kind: 'submitter' }], message: notice };
  }
}

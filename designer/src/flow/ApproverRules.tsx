import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { APPROVER_KINDS, type ApproverRule, peopleIn } from '@forecourt/schemas';
import { Button, InputNumber, Select } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFlowDesigner } from './context';
import { Labeled } from './Labeled';
import { useLabelText } from './labels';
import { DepartmentPicker, RolePicker, UserPicker } from './pickers';

/** Who acts on a node: a list of rules, each picked from the directory or from the record. */
export function ApproverRules({
  rules,
  onChange,
}: {
  rules: ApproverRule[];
  onChange(rules: ApproverRule[]): void;
}) {
  const { t } = useTranslation();
  const { form } = useFlowDesigner();
  const firstPeopleField = form?.fields.find((f) => peopleIn(f))?.id;
  const set = (index: number, rule: ApproverRule) => onChange(rules.map((r, i) => (i === index ? rule : r)));
  return (
    <div className="flow-rules">
      {rules.map((rule, index) => (
        // Rules have no id; their position is their identity while the panel is open.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className="flow-rule" key={index} data-rule-index={index}>
          <div className="flow-rule__head">
            <Select
              aria-label={t('flowDesigner.rule.kindLabel')}
              className="flow-rule__kind"
              value={rule.kind}
              options={APPROVER_KINDS.map((kind) => ({ value: kind, label: kindName(t, kind) }))}
              onChange={(kind: ApproverRule['kind']) => set(index, emptyRule(kind, firstPeopleField))}
            />
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('flowDesigner.rule.remove')}
              onClick={() => onChange(rules.filter((_, i) => i !== index))}
            />
          </div>
          <RuleDetail rule={rule} onChange={(next) => set(index, next)} />
        </div>
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() => onChange([...rules, { kind: 'users', userIds: [] }])}
        block
        type="dashed"
      >
        {t('flowDesigner.rule.add')}
      </Button>
    </div>
  );
}

function RuleDetail({ rule, onChange }: { rule: ApproverRule; onChange(rule: ApproverRule): void }) {
  const { t } = useTranslation();
  const { form } = useFlowDesigner();
  const labelText = useLabelText();
  switch (rule.kind) {
    case 'users':
      return (
        <UserPicker
          label={t('flowDesigner.rule.kind.users')}
          value={rule.userIds}
          onChange={(userIds) => onChange({ ...rule, userIds })}
        />
      );
    case 'roles':
      return (
        <RolePicker
          label={t('flowDesigner.rule.kind.roles')}
          value={rule.roleIds}
          onChange={(roleIds) => onChange({ ...rule, roleIds })}
        />
      );
    case 'departmentHeads':
      return (
        <DepartmentPicker
          label={t('flowDesigner.rule.kind.departmentHeads')}
          value={rule.departmentIds}
          onChange={(departmentIds) => onChange({ ...rule, departmentIds })}
        />
      );
    case 'submitterManager':
      return (
        <Labeled inline text={t('flowDesigner.rule.levels')}>
          {(id) => (
            <InputNumber
              id={id}
              min={1}
              max={10}
              value={rule.levels}
              onChange={(levels) => onChange({ ...rule, levels: levels ?? 1 })}
            />
          )}
        </Labeled>
      );
    case 'managerChain':
      return (
        <div className="flow-stack">
          <Labeled inline text={t('flowDesigner.rule.levels')}>
            {(id) => (
              <InputNumber
                id={id}
                min={1}
                max={10}
                value={rule.levels ?? null}
                onChange={(levels) => {
                  const { levels: _old, ...rest } = rule;
                  onChange(levels ? { ...rest, levels } : rest);
                }}
              />
            )}
          </Labeled>
          <RolePicker
            single
            label={t('flowDesigner.rule.untilRole')}
            value={rule.untilRole ? [rule.untilRole] : []}
            onChange={([role]) => {
              const { untilRole: _old, ...rest } = rule;
              onChange(role ? { ...rest, untilRole: role } : rest);
            }}
          />
        </div>
      );
    case 'field': {
      const fields = (form?.fields ?? []).filter((f) => peopleIn(f));
      return (
        <Select
          aria-label={t('flowDesigner.rule.kind.field')}
          className="flow-picker"
          placeholder={t('flowDesigner.rule.pickField')}
          value={rule.fieldId}
          options={fields.map((f) => ({ value: f.id, label: labelText(f.label, f.id) }))}
          onChange={(fieldId: string) => onChange({ ...rule, fieldId })}
        />
      );
    }
    default:
      return null;
  }
}

/** A fresh rule of the kind; a field rule starts on the form's first member or department field. */
function emptyRule(kind: ApproverRule['kind'], peopleField = 'f_member'): ApproverRule {
  switch (kind) {
    case 'users':
      return { kind, userIds: [] };
    case 'roles':
      return { kind, roleIds: [] };
    case 'departmentHeads':
      return { kind, departmentIds: [] };
    case 'submitterManager':
      return { kind, levels: 1 };
    case 'managerChain':
      return { kind, levels: 2 };
    case 'field':
      return { kind, fieldId: peopleField };
    default:
      return { kind } as ApproverRule;
  }
}

export function kindName(t: TFunction, kind: ApproverRule['kind']): string {
  switch (kind) {
    case 'users':
      return t('flowDesigner.rule.kind.users');
    case 'roles':
      return t('flowDesigner.rule.kind.roles');
    case 'departmentHeads':
      return t('flowDesigner.rule.kind.departmentHeads');
    case 'submitterManager':
      return t('flowDesigner.rule.kind.submitterManager');
    case 'managerChain':
      return t('flowDesigner.rule.kind.managerChain');
    case 'field':
      return t('flowDesigner.rule.kind.field');
    case 'submitter':
      return t('flowDesigner.rule.kind.submitter');
    case 'chosenByPrevious':
      return t('flowDesigner.rule.kind.chosenByPrevious');
  }
}

import { DeleteOutlined } from '@ant-design/icons';
import type { HumanNode, Label, WorkflowNode } from '@forecourt/schemas';
import { Button, Checkbox, Divider, Input, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ActionsEditor } from './ActionsEditor';
import { ApproverRules } from './ApproverRules';
import { useFlowDesigner } from './context';
import { DeadlineEditor } from './DeadlineEditor';
import { FieldPermissions } from './FieldPermissions';
import { canDelete, updateNode } from './graph-edit';
import { Labeled } from './Labeled';
import { TYPE_ICONS, typeName, useLabelText } from './labels';

/** The properties of the selected node, by type. Every change goes straight into the flow. */
export function NodePanel({ node }: { node: WorkflowNode }) {
  const { t } = useTranslation();
  const designer = useFlowDesigner();
  const set = (next: WorkflowNode) => designer.change(updateNode(designer.flow, next));
  return (
    <div className="flow-panel__body" data-panel-node={node.id}>
      <Typography.Title level={5} className="flow-panel__title">
        <span className="flow-node__icon">{TYPE_ICONS[node.type]}</span> {typeName(t, node.type)}
        <code className="flow-panel__id">{node.id}</code>
      </Typography.Title>
      <LabelInputs label={node.label} onChange={(label) => set(withLabel(node, label))} />
      <TypeProperties node={node} set={set} />
      {canDelete(designer.flow, node.id) && (
        <>
          <Divider />
          <Button danger icon={<DeleteOutlined />} onClick={() => designer.remove(node.id)}>
            {t('flowDesigner.canvas.deleteNode')}
          </Button>
        </>
      )}
    </div>
  );
}

function withLabel<T extends { label?: Label }>(item: T, label: Label): T {
  return { ...item, label };
}

export function LabelInputs({ label, onChange }: { label: Label | undefined; onChange(label: Label): void }) {
  const { t } = useTranslation();
  const current = label ?? { zh: '', en: '' };
  return (
    <div className="flow-labels">
      <Labeled text={t('flowDesigner.panel.nameZh')}>
        {(id) => (
          <Input
            id={id}
            value={current.zh}
            onChange={(e) => onChange({ ...current, zh: e.target.value })}
            maxLength={200}
          />
        )}
      </Labeled>
      <Labeled text={t('flowDesigner.panel.nameEn')}>
        {(id) => (
          <Input
            id={id}
            value={current.en}
            onChange={(e) => onChange({ ...current, en: e.target.value })}
            maxLength={200}
          />
        )}
      </Labeled>
    </div>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="flow-section">
      <Typography.Text strong className="flow-section__title">
        {title}
      </Typography.Text>
      {children}
    </section>
  );
}

function TypeProperties({ node, set }: { node: WorkflowNode; set(node: WorkflowNode): void }) {
  const { t } = useTranslation();
  const { form } = useFlowDesigner();
  const labelText = useLabelText();
  switch (node.type) {
    case 'approval':
    case 'fill':
      return <HumanProperties node={node} set={set} />;
    case 'cc':
      return (
        <Section title={t('flowDesigner.panel.ccTo')}>
          <ApproverRules rules={node.approvers} onChange={(approvers) => set({ ...node, approvers })} />
        </Section>
      );
    case 'start':
      return (
        <Section title={t('flowDesigner.panel.fieldPermissions')}>
          <FieldPermissions
            value={node.fieldPermissions}
            onChange={(fieldPermissions) => set(withOptional(node, 'fieldPermissions', fieldPermissions))}
          />
        </Section>
      );
    case 'join':
      return (
        <Section title={t('flowDesigner.panel.joinMode')}>
          <Radio.Group
            value={node.mode}
            onChange={(e) => set({ ...node, mode: e.target.value })}
            options={[
              { value: 'all', label: t('flowDesigner.summary.joinAll') },
              { value: 'any', label: t('flowDesigner.summary.joinAny') },
            ]}
          />
        </Section>
      );
    case 'action':
      return (
        <Section title={t('flowDesigner.panel.actions')}>
          <ActionsEditor actions={node.actions} onChange={(actions) => set({ ...node, actions })} />
        </Section>
      );
    case 'subflow': {
      const relations = (form?.fields ?? []).filter((f) => f.type === 'relation');
      return (
        <Section title={t('flowDesigner.panel.subflow')}>
          <Select
            aria-label={t('flowDesigner.panel.relationField')}
            placeholder={t('flowDesigner.panel.relationField')}
            value={relations.some((f) => f.id === node.relationField) ? node.relationField : undefined}
            options={relations.map((f) => ({ value: f.id, label: labelText(f.label, f.id) }))}
            onChange={(relationField: string) => set({ ...node, relationField })}
          />
          <Checkbox checked={node.wait} onChange={(e) => set({ ...node, wait: e.target.checked })}>
            {t('flowDesigner.panel.wait')}
          </Checkbox>
        </Section>
      );
    }
    case 'end':
      return (
        <Section title={t('flowDesigner.panel.outcome')}>
          <Radio.Group
            value={node.outcome ?? 'approved'}
            onChange={(e) => set({ ...node, outcome: e.target.value })}
            options={[
              { value: 'approved', label: t('flowDesigner.summary.approved') },
              { value: 'rejected', label: t('flowDesigner.summary.rejected') },
            ]}
          />
        </Section>
      );
    default:
      return <p className="flow-muted">{t('flowDesigner.panel.splitHelp')}</p>;
  }
}

function withOptional<T extends object, K extends keyof T>(item: T, key: K, value: T[K] | undefined): T {
  const next = { ...item };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

function HumanProperties({ node, set }: { node: HumanNode; set(node: WorkflowNode): void }) {
  const { t } = useTranslation();
  return (
    <>
      <Section
        title={node.type === 'fill' ? t('flowDesigner.panel.fillers') : t('flowDesigner.panel.approvers')}
      >
        <ApproverRules rules={node.approvers} onChange={(approvers) => set({ ...node, approvers })} />
      </Section>
      <Section title={t('flowDesigner.panel.mode')}>
        <Radio.Group
          value={node.mode}
          onChange={(e) => set({ ...node, mode: e.target.value })}
          options={[
            { value: 'any', label: t('flowDesigner.mode.any') },
            { value: 'all', label: t('flowDesigner.mode.all') },
            { value: 'sequence', label: t('flowDesigner.mode.sequence') },
          ]}
        />
      </Section>
      <Section title={t('flowDesigner.panel.whenNobody')}>
        <Select
          aria-label={t('flowDesigner.panel.whenNobody')}
          value={node.whenNobody ?? 'block'}
          onChange={(whenNobody: HumanNode['whenNobody']) => set({ ...node, whenNobody })}
          options={[
            { value: 'block', label: t('flowDesigner.nobody.block') },
            { value: 'skip', label: t('flowDesigner.nobody.skip') },
            { value: 'admin', label: t('flowDesigner.nobody.admin') },
          ]}
        />
      </Section>
      <Section title={t('flowDesigner.panel.options')}>
        <Checkbox
          checked={node.requireComment === true}
          onChange={(e) => set(withOptional(node, 'requireComment', e.target.checked || undefined))}
        >
          {t('flowDesigner.panel.requireComment')}
        </Checkbox>
        <Checkbox
          checked={node.autoSkip?.submitter === true}
          onChange={(e) =>
            set(
              withOptional(
                node,
                'autoSkip',
                e.target.checked ? { ...node.autoSkip, submitter: true } : undefined,
              ),
            )
          }
        >
          {t('flowDesigner.panel.skipSubmitter')}
        </Checkbox>
        <Checkbox
          checked={node.actions?.return !== false}
          onChange={(e) =>
            set(
              withOptional(
                node,
                'actions',
                e.target.checked ? undefined : { ...node.actions, return: false },
              ),
            )
          }
        >
          {t('flowDesigner.panel.allowReturn')}
        </Checkbox>
      </Section>
      <Section title={t('flowDesigner.panel.fieldPermissions')}>
        <FieldPermissions
          value={node.fieldPermissions}
          onChange={(fieldPermissions) => set(withOptional(node, 'fieldPermissions', fieldPermissions))}
        />
      </Section>
      <Section title={t('flowDesigner.panel.deadline')}>
        <DeadlineEditor
          value={node.deadline}
          onChange={(deadline) => set(withOptional(node, 'deadline', deadline))}
        />
      </Section>
    </>
  );
}

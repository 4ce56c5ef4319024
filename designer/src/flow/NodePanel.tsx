import { DeleteOutlined } from '@ant-design/icons';
import type { Label, WorkflowNode } from '@forecourt/schemas';
import { Button, Divider, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFlowDesigner } from './context';
import { canDelete, updateNode } from './graph-edit';
import { kindOf } from './kinds';
import { Labeled } from './Labeled';

/** The properties of the selected node: its names, then its kind's panel. Every change goes straight into the flow. */
export function NodePanel({ node }: { node: WorkflowNode }) {
  const { t } = useTranslation();
  const designer = useFlowDesigner();
  const set = (next: WorkflowNode) => designer.change(updateNode(designer.flow, next));
  const kind = kindOf(node.type);
  return (
    <div className="flow-panel__body" data-panel-node={node.id}>
      <Typography.Title level={5} className="flow-panel__title">
        <span className="flow-node__icon">{kind.icon}</span> {kind.name(t)}
        <code className="flow-panel__id">{node.id}</code>
      </Typography.Title>
      <LabelInputs label={node.label} onChange={(label) => set({ ...node, label })} />
      <kind.Panel node={node} set={set} />
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

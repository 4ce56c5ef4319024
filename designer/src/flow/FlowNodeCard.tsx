import { DeleteOutlined, PlusOutlined, WarningFilled } from '@ant-design/icons';
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { Button, Tooltip } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlowDesigner } from './context';
import { canDelete, isSplit } from './graph-edit';
import { kindOf } from './kinds';
import { useLabelText } from './labels';
import type { FlowCanvasNode, FlowNodeData } from './layout';
import { useNodeSummary } from './summary';

/** One step of the flow on the canvas: its type, name and who acts; red when it has a problem. */
export function FlowNodeCard({ data }: NodeProps<FlowCanvasNode & { data: FlowNodeData }>) {
  const { t } = useTranslation();
  const designer = useFlowDesigner();
  const labelText = useLabelText();
  const summary = useNodeSummary(data.node);
  const { node } = data;
  const kind = kindOf(node.type);
  const name = labelText(node.label, kind.name(t));
  const classes = ['flow-node', `flow-node--${node.type}`];
  if (data.invalid) classes.push('is-invalid');
  if (data.selected) classes.push('is-selected');
  return (
    <div
      className={classes.join(' ')}
      data-node-id={node.id}
      style={{ '--flow-node-accent': kind.accent } as CSSProperties}
    >
      <Handle type="target" position={Position.Top} className="flow-handle" isConnectable={false} />
      <button
        type="button"
        className="flow-node__body"
        onClick={() => designer.select(node.id)}
        aria-label={`${kind.name(t)}: ${name}`}
        aria-pressed={data.selected}
      >
        <span className="flow-node__head">
          <span className="flow-node__icon">{kind.icon}</span>
          <span className="flow-node__title">{name}</span>
          {data.invalid && (
            <WarningFilled className="flow-node__warning" aria-label={t('flowDesigner.canvas.hasProblem')} />
          )}
        </span>
        <span className="flow-node__summary">{summary}</span>
      </button>
      <span className="flow-node__tools">
        {isSplit(node) && (
          <Tooltip title={t('flowDesigner.canvas.addBranch')}>
            <Button
              size="small"
              type="text"
              icon={<PlusOutlined />}
              aria-label={t('flowDesigner.canvas.addBranch')}
              onClick={() => designer.addBranch(node.id)}
            />
          </Tooltip>
        )}
        {canDelete(designer.flow, node.id) && (
          <Tooltip title={t('flowDesigner.canvas.deleteNode')}>
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('flowDesigner.canvas.deleteNode')}
              onClick={() => designer.remove(node.id)}
            />
          </Tooltip>
        )}
      </span>
      <Handle type="source" position={Position.Bottom} className="flow-handle" isConnectable={false} />
    </div>
  );
}

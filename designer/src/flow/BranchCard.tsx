import { CloseOutlined, WarningFilled } from '@ant-design/icons';
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFlowDesigner } from './context';
import { type BranchData, branchNodeId, type FlowCanvasNode } from './layout';

/** A branch of a condition (its condition or "otherwise") or of a parallel split, under the split. */
export function BranchCard({ data }: NodeProps<FlowCanvasNode & { data: BranchData }>) {
  const { t } = useTranslation();
  const designer = useFlowDesigner();
  const { edge, split } = data;
  const conditional = split.type === 'condition';
  const text = !conditional
    ? t('flowDesigner.branch.parallel', { index: data.index })
    : edge.default
      ? t('flowDesigner.branch.otherwise')
      : edge.condition?.trim() || t('flowDesigner.branch.noCondition');
  const classes = ['flow-branch'];
  if (data.invalid) classes.push('is-invalid');
  if (data.selected) classes.push('is-selected');
  if (conditional && !edge.default && !edge.condition?.trim()) classes.push('is-empty');
  return (
    <div className={classes.join(' ')} data-edge-id={edge.id}>
      <Handle type="target" position={Position.Top} className="flow-handle" isConnectable={false} />
      <button
        type="button"
        className="flow-branch__body"
        onClick={() => designer.select(branchNodeId(edge.id))}
        aria-pressed={data.selected}
      >
        {conditional && <span className="flow-branch__priority">{data.index}</span>}
        <span className="flow-branch__text" title={text}>
          {text}
        </span>
        {data.invalid && <WarningFilled className="flow-node__warning" />}
      </button>
      <Tooltip title={t('flowDesigner.branch.delete')}>
        <Button
          className="flow-branch__delete"
          size="small"
          type="text"
          icon={<CloseOutlined />}
          aria-label={t('flowDesigner.branch.delete')}
          onClick={() => designer.removeBranch(edge.id)}
        />
      </Tooltip>
      <Handle type="source" position={Position.Bottom} className="flow-handle" isConnectable={false} />
    </div>
  );
}

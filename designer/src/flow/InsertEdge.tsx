import { PlusOutlined } from '@ant-design/icons';
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFlowDesigner } from './context';
import { kindOf, PALETTE } from './kinds';
import type { FlowCanvasEdge } from './layout';

/**
 * An edge drawn with right angles (down, across, down) and, where a step may go, a "+" that opens the
 * palette: the chosen type is inserted right there (a condition or parallel block with its branches).
 */
export function InsertEdge({
  sourceX,
  sourceY,
  targetX,
  targetY,
  data,
  markerEnd,
}: EdgeProps<FlowCanvasEdge>) {
  const { t } = useTranslation();
  const designer = useFlowDesigner();
  const straight = Math.abs(sourceX - targetX) < 1;
  const bendY = data?.bendNearTarget ? targetY - 22 : sourceY + 22;
  const path = straight
    ? `M ${sourceX} ${sourceY} L ${targetX} ${targetY}`
    : `M ${sourceX} ${sourceY} L ${sourceX} ${bendY} L ${targetX} ${bendY} L ${targetX} ${targetY}`;
  const plus =
    data?.bendNearTarget && !straight
      ? { x: sourceX, y: sourceY + Math.min(30, (bendY - sourceY) / 2) }
      : { x: targetX, y: straight ? (sourceY + targetY) / 2 : (bendY + targetY) / 2 };
  const flowEdgeId = data?.flowEdgeId;
  return (
    <>
      <BaseEdge
        path={path}
        {...(markerEnd ? { markerEnd } : {})}
        className={data?.invalid ? 'flow-edge is-invalid' : 'flow-edge'}
      />
      {flowEdgeId && (
        <EdgeLabelRenderer>
          <div
            className="flow-insert nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${plus.x}px, ${plus.y}px)` }}
          >
            <Dropdown
              trigger={['click']}
              menu={{
                items: PALETTE.map((type) => ({
                  key: type,
                  icon: kindOf(type).icon,
                  label: kindOf(type).name(t),
                  disabled: type === 'end' && !data?.canEnd,
                })),
                onClick: ({ key }) => designer.insert(flowEdgeId, key as (typeof PALETTE)[number]),
              }}
            >
              <Button
                size="small"
                shape="circle"
                icon={<PlusOutlined />}
                aria-label={t('flowDesigner.canvas.insert')}
                data-edge-id={flowEdgeId}
              />
            </Dropdown>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

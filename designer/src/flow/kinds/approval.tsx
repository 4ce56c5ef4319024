import { AuditOutlined } from '@ant-design/icons';
import type { HumanNode } from '@forecourt/schemas';
import { HumanPanel, humanDefaults, humanSummary } from './human';
import type { NodeKindUi } from './kind';

/** People approve or reject the record. */
export const approval: NodeKindUi<HumanNode> = {
  icon: <AuditOutlined />,
  accent: '#1677ff',
  name: (t) => t('flowDesigner.type.approval'),
  placeable: true,
  summary: humanSummary,
  defaults: humanDefaults,
  Panel: HumanPanel,
};

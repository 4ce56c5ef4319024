import { EditOutlined } from '@ant-design/icons';
import type { HumanNode } from '@forecourt/schemas';
import { HumanPanel, humanDefaults, humanSummary } from './human';
import type { NodeKindUi } from './kind';

/** People complete fields of the record. */
export const fill: NodeKindUi<HumanNode> = {
  icon: <EditOutlined />,
  accent: '#722ed1',
  name: (t) => t('flowDesigner.type.fill'),
  placeable: true,
  summary: humanSummary,
  defaults: humanDefaults,
  Panel: HumanPanel,
};

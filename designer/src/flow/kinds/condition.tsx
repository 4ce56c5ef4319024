import { BranchesOutlined } from '@ant-design/icons';
import type { ConditionNode } from '@forecourt/schemas';
import type { NodeKindUi } from './kind';
import { SplitHelp } from './SplitHelp';

/** Exclusive split: the first branch whose condition holds, else the default; inserted with two branches. */
export const condition: NodeKindUi<ConditionNode> = {
  icon: <BranchesOutlined />,
  accent: '#fa8c16',
  name: (t) => t('flowDesigner.type.condition'),
  placeable: true,
  summary: (_node, { t }) => t('flowDesigner.summary.condition'),
  defaults: {},
  Panel: SplitHelp,
};

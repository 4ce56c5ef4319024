import { ForkOutlined } from '@ant-design/icons';
import type { ParallelNode } from '@forecourt/schemas';
import type { NodeKindUi } from './kind';
import { SplitHelp } from './SplitHelp';

/** Parallel split: every branch at once; inserted with two branches and its join. */
export const parallel: NodeKindUi<ParallelNode> = {
  icon: <ForkOutlined />,
  accent: '#fa8c16',
  name: (t) => t('flowDesigner.type.parallel'),
  placeable: true,
  summary: (_node, { t }) => t('flowDesigner.summary.parallel'),
  defaults: {},
  Panel: SplitHelp,
};

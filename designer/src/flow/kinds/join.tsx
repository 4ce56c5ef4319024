import { MergeCellsOutlined } from '@ant-design/icons';
import type { JoinNode } from '@forecourt/schemas';
import { Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { Section } from '../Section';
import type { KindPanelProps, NodeKindUi } from './kind';

function JoinPanel({ node, set }: KindPanelProps<JoinNode>) {
  const { t } = useTranslation();
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
}

/** Where a parallel block's branches meet: waits for all of them, or any one. */
export const join: NodeKindUi<JoinNode> = {
  icon: <MergeCellsOutlined />,
  accent: '#fa8c16',
  name: (t) => t('flowDesigner.type.join'),
  placeable: false,
  summary: (node, { t }) =>
    node.mode === 'any' ? t('flowDesigner.summary.joinAny') : t('flowDesigner.summary.joinAll'),
  defaults: { mode: 'all' },
  Panel: JoinPanel,
};

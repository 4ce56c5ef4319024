import { CheckCircleOutlined } from '@ant-design/icons';
import type { EndNode } from '@forecourt/schemas';
import { Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { Section } from '../Section';
import type { KindPanelProps, NodeKindUi } from './kind';

function EndPanel({ node, set }: KindPanelProps<EndNode>) {
  const { t } = useTranslation();
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
}

/** The flow ends here, the record approved or rejected. */
export const end: NodeKindUi<EndNode> = {
  icon: <CheckCircleOutlined />,
  accent: '#8c8c8c',
  name: (t) => t('flowDesigner.type.end'),
  placeable: true,
  summary: (node, { t }) =>
    node.outcome === 'rejected' ? t('flowDesigner.summary.rejected') : t('flowDesigner.summary.approved'),
  defaults: {},
  Panel: EndPanel,
};

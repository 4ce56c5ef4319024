import { SendOutlined } from '@ant-design/icons';
import type { CcNode } from '@forecourt/schemas';
import { useTranslation } from 'react-i18next';
import { ApproverRules } from '../ApproverRules';
import { Section } from '../Section';
import { peopleText } from './human';
import type { KindPanelProps, NodeKindUi } from './kind';

function CcPanel({ node, set }: KindPanelProps<CcNode>) {
  const { t } = useTranslation();
  return (
    <Section title={t('flowDesigner.panel.ccTo')}>
      <ApproverRules rules={node.approvers} onChange={(approvers) => set({ ...node, approvers })} />
    </Section>
  );
}

/** People are copied in with a read-only task; the flow does not wait. */
export const cc: NodeKindUi<CcNode> = {
  icon: <SendOutlined />,
  accent: '#13c2c2',
  name: (t) => t('flowDesigner.type.cc'),
  placeable: true,
  summary: (node, context) => peopleText(node.approvers, context),
  defaults: { approvers: [] },
  Panel: CcPanel,
};

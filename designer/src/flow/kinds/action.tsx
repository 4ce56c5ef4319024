import { ThunderboltOutlined } from '@ant-design/icons';
import type { ActionNode } from '@forecourt/schemas';
import { useTranslation } from 'react-i18next';
import { ActionsEditor } from '../ActionsEditor';
import { Section } from '../Section';
import type { KindPanelProps, NodeKindUi } from './kind';

function ActionPanel({ node, set }: KindPanelProps<ActionNode>) {
  const { t } = useTranslation();
  return (
    <Section title={t('flowDesigner.panel.actions')}>
      <ActionsEditor actions={node.actions} onChange={(actions) => set({ ...node, actions })} />
    </Section>
  );
}

/** Automatic actions, run in order by the worker. */
export const action: NodeKindUi<ActionNode> = {
  icon: <ThunderboltOutlined />,
  accent: '#eb2f96',
  name: (t) => t('flowDesigner.type.action'),
  placeable: true,
  summary: (node, { t }) => t('flowDesigner.summary.actions', { count: node.actions?.length ?? 0 }),
  defaults: { actions: [] },
  Panel: ActionPanel,
};

import { PlayCircleOutlined } from '@ant-design/icons';
import type { StartNode } from '@forecourt/schemas';
import { useTranslation } from 'react-i18next';
import { FieldPermissions } from '../FieldPermissions';
import { Section } from '../Section';
import { type KindPanelProps, type NodeKindUi, withOptional } from './kind';

function StartPanel({ node, set }: KindPanelProps<StartNode>) {
  const { t } = useTranslation();
  return (
    <Section title={t('flowDesigner.panel.fieldPermissions')}>
      <FieldPermissions
        value={node.fieldPermissions}
        onChange={(fieldPermissions) => set(withOptional(node, 'fieldPermissions', fieldPermissions))}
      />
    </Section>
  );
}

/** The submitter's step: what they may fill. Every flow has exactly one. */
export const start: NodeKindUi<StartNode> = {
  icon: <PlayCircleOutlined />,
  accent: '#52c41a',
  name: (t) => t('flowDesigner.type.start'),
  placeable: false,
  summary: (_node, { t }) => t('flowDesigner.summary.submitter'),
  defaults: {},
  Panel: StartPanel,
};

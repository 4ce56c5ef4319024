import { PartitionOutlined } from '@ant-design/icons';
import type { SubflowNode } from '@forecourt/schemas';
import { Checkbox, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFlowDesigner } from '../context';
import { useLabelText } from '../labels';
import { Section } from '../Section';
import type { KindPanelProps, NodeKindUi } from './kind';

function SubflowPanel({ node, set }: KindPanelProps<SubflowNode>) {
  const { t } = useTranslation();
  const { form } = useFlowDesigner();
  const labelText = useLabelText();
  const relations = (form?.fields ?? []).filter((f) => f.type === 'relation');
  return (
    <Section title={t('flowDesigner.panel.subflow')}>
      <Select
        aria-label={t('flowDesigner.panel.relationField')}
        placeholder={t('flowDesigner.panel.relationField')}
        value={relations.some((f) => f.id === node.relationField) ? node.relationField : undefined}
        options={relations.map((f) => ({ value: f.id, label: labelText(f.label, f.id) }))}
        onChange={(relationField: string) => set({ ...node, relationField })}
      />
      <Checkbox checked={node.wait} onChange={(e) => set({ ...node, wait: e.target.checked })}>
        {t('flowDesigner.panel.wait')}
      </Checkbox>
    </Section>
  );
}

/** Starts the flow of the records a relation field points at; waits for them if asked. */
export const subflow: NodeKindUi<SubflowNode> = {
  icon: <PartitionOutlined />,
  accent: '#eb2f96',
  name: (t) => t('flowDesigner.type.subflow'),
  placeable: true,
  summary: (node, { t }) =>
    node.wait ? t('flowDesigner.summary.subflowWait') : t('flowDesigner.summary.subflow'),
  defaults: { relationField: 'f_relation', wait: true },
  Panel: SubflowPanel,
};

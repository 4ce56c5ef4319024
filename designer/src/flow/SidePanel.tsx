import { Checkbox, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BranchPanel } from './BranchPanel';
import { useFlowDesigner } from './context';
import { nodeById } from './graph-edit';
import { NodePanel } from './NodePanel';

/** The right-hand panel: the selected node's or branch's properties, else the flow's own settings. */
export function SidePanel({ selected }: { selected: string | undefined }) {
  const { t } = useTranslation();
  const designer = useFlowDesigner();
  const { flow } = designer;
  if (selected?.startsWith('branch:')) {
    const edge = flow.edges.find((e) => e.id === selected.slice('branch:'.length));
    const split = edge && nodeById(flow, edge.from);
    if (edge && split) {
      const index = flow.edges.filter((e) => e.from === split.id).indexOf(edge) + 1;
      return <BranchPanel key={edge.id} edge={edge} split={split} index={index} />;
    }
  }
  const node = selected ? nodeById(flow, selected) : undefined;
  if (node) return <NodePanel key={node.id} node={node} />;
  const autoSkip = flow.autoSkip ?? {};
  const setSkip = (key: 'submitter' | 'alreadyApproved', on: boolean) => {
    const next = { ...autoSkip, [key]: on || undefined };
    const kept = Object.fromEntries(Object.entries(next).filter(([, v]) => v));
    const { autoSkip: _old, ...rest } = flow;
    designer.change(Object.keys(kept).length ? { ...rest, autoSkip: kept } : rest);
  };
  return (
    <div className="flow-panel__body">
      <Typography.Title level={5} className="flow-panel__title">
        {t('flowDesigner.panel.flowSettings')}
      </Typography.Title>
      <p className="flow-muted">{t('flowDesigner.panel.help')}</p>
      <section className="flow-section">
        <Typography.Text strong className="flow-section__title">
          {t('flowDesigner.panel.autoSkip')}
        </Typography.Text>
        <Checkbox
          checked={autoSkip.submitter === true}
          onChange={(e) => setSkip('submitter', e.target.checked)}
        >
          {t('flowDesigner.panel.skipSubmitter')}
        </Checkbox>
        <Checkbox
          checked={autoSkip.alreadyApproved === true}
          onChange={(e) => setSkip('alreadyApproved', e.target.checked)}
        >
          {t('flowDesigner.panel.skipApproved')}
        </Checkbox>
      </section>
    </div>
  );
}

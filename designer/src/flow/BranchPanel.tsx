import { DeleteOutlined } from '@ant-design/icons';
import { fieldTypes, type WorkflowEdge, type WorkflowNode } from '@forecourt/schemas';
import { Button, Checkbox, Divider, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExpressionEditor } from '../form/expression/ExpressionEditor';
// The expression editor's styles (all `.fd-` classes) live in the form designer's stylesheet.
import '../form/form-designer.css';
import { useFlowDesigner } from './context';
import { updateEdge } from './graph-edit';
import { useLabelText } from './labels';

/**
 * A branch of a condition: its condition over the record (compiled as it is typed, errors inline) or
 * the default mark; branches are tried in their order and the default is taken when none holds.
 */
export function BranchPanel({
  edge,
  split,
  index,
}: {
  edge: WorkflowEdge;
  split: WorkflowNode;
  index: number;
}) {
  const { t } = useTranslation();
  const designer = useFlowDesigner();
  const labelText = useLabelText();
  const set = (next: WorkflowEdge) => designer.change(updateEdge(designer.flow, next));
  const fields = (designer.form?.fields ?? [])
    .filter((f) => fieldTypes.get(f.type)?.storesValue !== false)
    .map((f) => ({ id: f.id, label: labelText(f.label, f.id), type: f.type }));
  const makeDefault = (on: boolean) => {
    // One default per condition: marking this one unmarks the others (which then need a condition).
    const edges = designer.flow.edges.map((e) => {
      if (e.id === edge.id) {
        const { condition: _c, default: _d, ...rest } = e;
        return on ? { ...rest, default: true } : rest;
      }
      if (on && e.from === edge.from && e.default) {
        const { default: _d, ...rest } = e;
        return rest;
      }
      return e;
    });
    designer.change({ ...designer.flow, edges });
  };
  const conditional = split.type === 'condition';
  return (
    <div className="flow-panel__body" data-panel-edge={edge.id}>
      <Typography.Title level={5} className="flow-panel__title">
        {conditional
          ? t('flowDesigner.branch.title', { index })
          : t('flowDesigner.branch.parallel', { index })}
        <code className="flow-panel__id">{edge.id}</code>
      </Typography.Title>
      {conditional ? (
        <>
          <Checkbox checked={edge.default === true} onChange={(e) => makeDefault(e.target.checked)}>
            {t('flowDesigner.branch.isDefault')}
          </Checkbox>
          {!edge.default && (
            <section className="flow-section">
              <Typography.Text strong className="flow-section__title">
                {t('flowDesigner.branch.condition')}
              </Typography.Text>
              <ExpressionEditor
                value={edge.condition ?? ''}
                onChange={(condition) => set({ ...edge, condition })}
                fields={fields}
                label={t('flowDesigner.branch.condition')}
                help={t('flowDesigner.branch.conditionHelp')}
              />
            </section>
          )}
        </>
      ) : (
        <p className="flow-muted">{t('flowDesigner.branch.parallelHelp')}</p>
      )}
      <Divider />
      <Button danger icon={<DeleteOutlined />} onClick={() => designer.removeBranch(edge.id)}>
        {t('flowDesigner.branch.delete')}
      </Button>
    </div>
  );
}

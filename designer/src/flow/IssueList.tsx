import { WarningOutlined } from '@ant-design/icons';
import type { WorkflowDefinition } from '@forecourt/schemas';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DesignerIssue } from './issues';
import { branchNodeId } from './layout';

/** The problems that stop publishing; a click selects the node (or branch) a problem belongs to. */
export function IssueList({
  issues,
  flow,
  onSelect,
}: {
  issues: DesignerIssue[];
  flow: WorkflowDefinition;
  onSelect(id: string): void;
}) {
  const { t } = useTranslation();
  if (!issues.length) return null;
  const targetOf = (issue: DesignerIssue) => {
    if (issue.nodeId) return issue.nodeId;
    if (!issue.edgeId) return undefined;
    const edge = flow.edges.find((e) => e.id === issue.edgeId);
    const from = flow.nodes.find((n) => n.id === edge?.from);
    // Edges out of a split are drawn as branch cards; others belong to the node they leave.
    return from?.type === 'condition' || from?.type === 'parallel' ? branchNodeId(issue.edgeId) : edge?.from;
  };
  return (
    <section className="flow-issues" aria-label={t('flowDesigner.issues.title', { count: issues.length })}>
      <h2 className="flow-issues__title">
        <WarningOutlined /> {t('flowDesigner.issues.title', { count: issues.length })}
      </h2>
      <ol className="flow-issues__list">
        {issues.map((issue, index) => {
          const target = targetOf(issue);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: issues are recomputed wholesale
            <li key={index}>
              <button
                type="button"
                className="flow-issue"
                disabled={!target}
                data-target={target}
                onClick={() => target && onSelect(target)}
              >
                {issue.fromServer && <Tag color="orange">{t('flowDesigner.issues.server')}</Tag>}
                {issue.message}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

import type { ApproverRule, WorkflowNode } from '@forecourt/schemas';
import { useTranslation } from 'react-i18next';
import { useFlowDesigner } from './context';
import { useLabelText } from './labels';

/** The one line under a node's name: who acts and how, or what it does. */
export function useNodeSummary(node: WorkflowNode): string {
  const { t } = useTranslation();
  const describe = useRuleText();
  switch (node.type) {
    case 'approval':
    case 'fill':
    case 'cc': {
      if (!node.approvers?.length) return t('flowDesigner.summary.nobody');
      const who = node.approvers.map(describe).join('、');
      if (node.type === 'cc') return who;
      const mode =
        node.mode === 'all'
          ? t('flowDesigner.mode.all')
          : node.mode === 'sequence'
            ? t('flowDesigner.mode.sequence')
            : t('flowDesigner.mode.any');
      return `${who} · ${mode}`;
    }
    case 'start':
      return t('flowDesigner.summary.submitter');
    case 'condition':
      return t('flowDesigner.summary.condition');
    case 'parallel':
      return t('flowDesigner.summary.parallel');
    case 'join':
      return node.mode === 'any' ? t('flowDesigner.summary.joinAny') : t('flowDesigner.summary.joinAll');
    case 'action':
      return t('flowDesigner.summary.actions', { count: node.actions?.length ?? 0 });
    case 'subflow':
      return node.wait ? t('flowDesigner.summary.subflowWait') : t('flowDesigner.summary.subflow');
    case 'end':
      return node.outcome === 'rejected'
        ? t('flowDesigner.summary.rejected')
        : t('flowDesigner.summary.approved');
  }
}

/** An approver rule in words, with the names of the people, roles and departments it names. */
export function useRuleText(): (rule: ApproverRule) => string {
  const { t } = useTranslation();
  const { roles, departments, userNames, form } = useFlowDesigner();
  const labelText = useLabelText();
  const roleName = (id: string) => roles.find((r) => r.id === id)?.name ?? id;
  const departmentName = (id: string) => departments.find((d) => d.id === id)?.name ?? id;
  return (rule) => {
    switch (rule.kind) {
      case 'users':
        return (
          rule.userIds.map((id) => userNames.get(id) ?? id).join('、') || t('flowDesigner.summary.nobody')
        );
      case 'roles':
        return t('flowDesigner.rule.rolesText', { names: rule.roleIds.map(roleName).join('、') });
      case 'departmentHeads':
        return t('flowDesigner.rule.headsText', { names: rule.departmentIds.map(departmentName).join('、') });
      case 'submitterManager':
        return t('flowDesigner.rule.managerText', { levels: rule.levels });
      case 'managerChain':
        return t('flowDesigner.rule.chainText');
      case 'field': {
        const field = form?.fields.find((f) => f.id === rule.fieldId);
        return t('flowDesigner.rule.fieldText', { name: labelText(field?.label, rule.fieldId) });
      }
      case 'submitter':
        return t('flowDesigner.rule.kind.submitter');
      case 'chosenByPrevious':
        return t('flowDesigner.rule.kind.chosenByPrevious');
    }
  };
}

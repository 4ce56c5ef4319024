import type { ApproverRule, WorkflowNode } from '@forecourt/schemas';
import { useTranslation } from 'react-i18next';
import { useFlowDesigner } from './context';
import { kindOf } from './kinds';
import { useLabelText } from './labels';

/** The one line under a node's name: who acts and how, or what it does (each kind words its own). */
export function useNodeSummary(node: WorkflowNode): string {
  const { t, i18n } = useTranslation();
  const ruleText = useRuleText();
  const labelText = useLabelText();
  const { form } = useFlowDesigner();
  return kindOf(node.type).summary(node, { t, language: i18n.language, ruleText, labelText, form });
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

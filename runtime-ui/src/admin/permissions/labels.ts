import { useTranslation } from 'react-i18next';
import type { Action, ScopeKind } from './rules';

/** The words for actions, row scopes and presets (literal keys, so the locale test finds them). */
export function useRuleLabels() {
  const { t } = useTranslation();
  const actions: Record<Action, string> = {
    view: t('admin.actions.view'),
    create: t('admin.actions.create'),
    edit: t('admin.actions.edit'),
    delete: t('admin.actions.delete'),
    export: t('admin.actions.export'),
    import: t('admin.actions.import'),
    batchEdit: t('admin.actions.batchEdit'),
    print: t('admin.actions.print'),
    manageWorkflow: t('admin.actions.manageWorkflow'),
  };
  const scopes: Record<ScopeKind, string> = {
    own: t('admin.scopes.own'),
    department: t('admin.scopes.department'),
    subtree: t('admin.scopes.subtree'),
    all: t('admin.scopes.all'),
    filter: t('admin.scopes.filter'),
  };
  const presets: Record<string, string> = {
    submitOnly: t('admin.presets.submitOnly'),
    submitAndManageOwn: t('admin.presets.submitAndManageOwn'),
    viewAll: t('admin.presets.viewAll'),
    manageAll: t('admin.presets.manageAll'),
    custom: t('admin.presets.custom'),
  };
  return { actions, scopes, presets };
}

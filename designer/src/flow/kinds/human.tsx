import type { ApproverRule, HumanNode } from '@forecourt/schemas';
import { Checkbox, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApproverRules } from '../ApproverRules';
import { DeadlineEditor } from '../DeadlineEditor';
import { FieldPermissions } from '../FieldPermissions';
import { Section } from '../Section';
import { type KindPanelProps, type NodeProperties, type SummaryContext, withOptional } from './kind';

/** What approval and fill nodes share: people act on the record, one, all or one after another. */

export const humanDefaults: NodeProperties<HumanNode> = { approvers: [], mode: 'any' };

/** Who is set to act, in words; "nobody set" when no rule is. */
export function peopleText(approvers: ApproverRule[] | undefined, { t, ruleText }: SummaryContext): string {
  if (!approvers?.length) return t('flowDesigner.summary.nobody');
  return approvers.map(ruleText).join('、');
}

export function humanSummary(node: HumanNode, context: SummaryContext): string {
  if (!node.approvers?.length) return peopleText(node.approvers, context);
  const { t } = context;
  const mode =
    node.mode === 'all'
      ? t('flowDesigner.mode.all')
      : node.mode === 'sequence'
        ? t('flowDesigner.mode.sequence')
        : t('flowDesigner.mode.any');
  return `${peopleText(node.approvers, context)} · ${mode}`;
}

export function HumanPanel({ node, set }: KindPanelProps<HumanNode>) {
  const { t } = useTranslation();
  return (
    <>
      <Section
        title={node.type === 'fill' ? t('flowDesigner.panel.fillers') : t('flowDesigner.panel.approvers')}
      >
        <ApproverRules rules={node.approvers} onChange={(approvers) => set({ ...node, approvers })} />
      </Section>
      <Section title={t('flowDesigner.panel.mode')}>
        <Radio.Group
          value={node.mode}
          onChange={(e) => set({ ...node, mode: e.target.value })}
          options={[
            { value: 'any', label: t('flowDesigner.mode.any') },
            { value: 'all', label: t('flowDesigner.mode.all') },
            { value: 'sequence', label: t('flowDesigner.mode.sequence') },
          ]}
        />
      </Section>
      <Section title={t('flowDesigner.panel.whenNobody')}>
        <Select
          aria-label={t('flowDesigner.panel.whenNobody')}
          value={node.whenNobody ?? 'block'}
          onChange={(whenNobody: HumanNode['whenNobody']) => set({ ...node, whenNobody })}
          options={[
            { value: 'block', label: t('flowDesigner.nobody.block') },
            { value: 'skip', label: t('flowDesigner.nobody.skip') },
            { value: 'admin', label: t('flowDesigner.nobody.admin') },
          ]}
        />
      </Section>
      <Section title={t('flowDesigner.panel.options')}>
        <Checkbox
          checked={node.requireComment === true}
          onChange={(e) => set(withOptional(node, 'requireComment', e.target.checked || undefined))}
        >
          {t('flowDesigner.panel.requireComment')}
        </Checkbox>
        <Checkbox
          checked={node.autoSkip?.submitter === true}
          onChange={(e) =>
            set(
              withOptional(
                node,
                'autoSkip',
                e.target.checked ? { ...node.autoSkip, submitter: true } : undefined,
              ),
            )
          }
        >
          {t('flowDesigner.panel.skipSubmitter')}
        </Checkbox>
        <Checkbox
          checked={node.actions?.return !== false}
          onChange={(e) =>
            set(
              withOptional(
                node,
                'actions',
                e.target.checked ? undefined : { ...node.actions, return: false },
              ),
            )
          }
        >
          {t('flowDesigner.panel.allowReturn')}
        </Checkbox>
      </Section>
      <Section title={t('flowDesigner.panel.fieldPermissions')}>
        <FieldPermissions
          value={node.fieldPermissions}
          onChange={(fieldPermissions) => set(withOptional(node, 'fieldPermissions', fieldPermissions))}
        />
      </Section>
      <Section title={t('flowDesigner.panel.deadline')}>
        <DeadlineEditor
          value={node.deadline}
          onChange={(deadline) => set(withOptional(node, 'deadline', deadline))}
        />
      </Section>
    </>
  );
}

/**
 * Publishing: the draft is saved, then a dry run shows what will change (fields added, renamed, hidden;
 * type changes with how many existing values convert and how many will not), then the admin confirms.
 * Values that do not convert are kept on their records (`unconverted`), never thrown away.
 */
import { type FormDefinition, fieldType } from '@forecourt/schemas';
import { Alert, List, Modal, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from './label';
import type { PublishSummary } from './types';

export interface PublishDialogProps {
  summary: PublishSummary;
  definition: FormDefinition;
  /** The published definition before this change (labels of hidden or renamed fields). */
  previous: FormDefinition | null;
  publishing: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function PublishDialog({
  summary,
  definition,
  previous,
  publishing,
  onConfirm,
  onCancel,
}: PublishDialogProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const fields = new Map([...(previous?.fields ?? []), ...definition.fields].map((f) => [f.id, f]));
  const name = (id: string) => {
    const field = fields.get(id);
    return field ? label(field.label) : id;
  };
  const typeName = (type: string) => label(fieldType(type).label);
  const nothing =
    !summary.added.length && !summary.renamed.length && !summary.hidden.length && !summary.typeChanges.length;
  const lost = summary.typeChanges.reduce((n, change) => n + change.failed.length, 0);
  return (
    <Modal
      open
      title={t('formDesigner.publish.title', { version: summary.version })}
      okText={t('formDesigner.publish.confirm')}
      cancelText={t('formDesigner.publish.cancel')}
      confirmLoading={publishing}
      onOk={onConfirm}
      onCancel={onCancel}
      width={640}
    >
      <div className="fd-publish" data-testid="publish-summary">
        {nothing ? <Typography.Paragraph>{t('formDesigner.publish.nothing')}</Typography.Paragraph> : null}
        {summary.added.length ? (
          <Section title={t('formDesigner.publish.added', { count: summary.added.length })}>
            {summary.added.map((id) => (
              <Tag key={id} color="green">
                {name(id)}
              </Tag>
            ))}
          </Section>
        ) : null}
        {summary.renamed.length ? (
          <Section title={t('formDesigner.publish.renamed', { count: summary.renamed.length })}>
            {summary.renamed.map((r) => (
              <div key={r.fieldId}>
                {r.from} → {r.to}
              </div>
            ))}
          </Section>
        ) : null}
        {summary.hidden.length ? (
          <Section title={t('formDesigner.publish.hidden', { count: summary.hidden.length })}>
            {summary.hidden.map((id) => (
              <Tag key={id}>{name(id)}</Tag>
            ))}
            <div className="fd-muted">{t('formDesigner.publish.hiddenHelp')}</div>
          </Section>
        ) : null}
        {summary.typeChanges.length ? (
          <Section title={t('formDesigner.publish.typeChanges', { count: summary.typeChanges.length })}>
            <List
              size="small"
              dataSource={summary.typeChanges}
              renderItem={(change) => (
                <List.Item className="fd-type-change" data-field-id={change.fieldId}>
                  <div>
                    <strong>{name(change.fieldId)}</strong>: <code>{typeName(change.from)}</code> →{' '}
                    <code>{typeName(change.to)}</code>
                  </div>
                  <div>
                    {t('formDesigner.publish.converted', { count: change.converted })}
                    {change.failed.length ? (
                      <Typography.Text type="danger" className="fd-failed">
                        {' '}
                        {t('formDesigner.publish.failed', { count: change.failed.length })}
                      </Typography.Text>
                    ) : null}
                  </div>
                </List.Item>
              )}
            />
          </Section>
        ) : null}
        {lost ? (
          <Alert type="warning" showIcon title={t('formDesigner.publish.failedHelp', { count: lost })} />
        ) : null}
      </div>
    </Modal>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="fd-publish-section">
      <h4>{title}</h4>
      <div>{children}</div>
    </section>
  );
}

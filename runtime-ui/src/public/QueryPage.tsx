import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../api/types';
import { useLabel } from '../i18n/label';
import { valueText } from '../records/display';
import { PublicField } from './PublicField';
import { PublicApiError, type PublicForm, queryThroughLink } from './publicApi';
import { messagesByField, placeErrors } from './serverErrors';

/** One found record as a card: each result field as a label over its value, sized for a phone. */
function ResultCard({ fields, record }: { fields: readonly FieldDef[]; record: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  return (
    <Card className="public-card" size="small">
      <dl className="public-card-fields">
        {fields.map((field) => (
          <div key={field.id} className="public-card-field">
            <dt>{label(field.label)}</dt>
            <dd>{valueText(field, record[field.id], i18n.language, t) || '—'}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

/**
 * A public query link: the customer gives every query field (matched exactly by the server, after
 * its normalisation, so "138 0013 8000" finds 13800138000) and sees the result fields of the newest
 * twenty matches. Nothing else of a record ever reaches the page.
 */
export function QueryPage({
  token,
  password,
  view,
  onLinkError,
}: {
  token: string;
  password: string;
  view: PublicForm;
  onLinkError(error: PublicApiError): void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [records, setRecords] = useState<Record<string, unknown>[]>();
  const byId = useMemo(() => new Map(view.form.fields.map((f) => [f.id, f])), [view.form.fields]);
  const pick = (ids: string[] | undefined) =>
    (ids ?? []).map((id) => byId.get(id)).filter((f): f is FieldDef => f !== undefined);
  const queryFields = pick(view.queryFields);
  const resultFields = pick(view.resultFields);

  const search = async (values: Record<string, unknown>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await queryThroughLink(token, password, values);
      setRecords(answer.records);
    } catch (caught) {
      const error =
        caught instanceof PublicApiError ? caught : new PublicApiError(0, 'network', String(caught), []);
      if ([401, 403, 404].includes(error.status)) return onLinkError(error);
      setRecords(undefined);
      if (error.status === 422) {
        const shown = new Set(queryFields.map((f) => f.id));
        const placed = placeErrors(error.details, '/values', shown, i18n.language, t);
        form.setFields(messagesByField(placed.onFields).map(([name, errors]) => ({ name, errors })));
        if (placed.rest.length) setProblem(placed.rest.join('\n'));
        return;
      }
      setProblem(
        error.status === 429
          ? t('publicPage.fill.tooMany', { seconds: error.retryAfter ?? 60 })
          : error.status === 0
            ? t('publicPage.failed.hint')
            : error.message,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="public-query">
      <Typography.Paragraph className="public-note">{t('publicPage.query.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" className="public-form" onFinish={search}>
        {queryFields.map((field) => (
          <PublicField key={field.id} field={field} />
        ))}
        {problem && <Alert type="error" showIcon className="public-alert" title={problem} />}
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          icon={<SearchOutlined />}
          loading={busy}
          className="public-submit"
        >
          {t('publicPage.query.submit')}
        </Button>
      </Form>
      {records && (
        <section className="public-results" aria-live="polite">
          {records.length === 0 ? (
            <Empty description={t('publicPage.query.none')} />
          ) : (
            <>
              <Typography.Title level={2} className="public-results-title">
                {t('publicPage.query.found', { count: records.length })}
              </Typography.Title>
              {records.map((record, index) => (
                // Results carry only the chosen fields, no id: their order is their identity.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <ResultCard key={index} fields={resultFields} record={record} />
              ))}
            </>
          )}
        </section>
      )}
    </div>
  );
}

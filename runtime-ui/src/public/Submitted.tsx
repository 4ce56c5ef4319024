import { Button, Descriptions, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../api/types';
import { useLabel } from '../i18n/label';
import { valueText } from '../records/display';
import type { PublicSubmission } from './publicApi';

/**
 * The confirmation after a submission: the reference number when the form has a serial (what the
 * customer quotes on the phone or at the desk), then what they sent, so they can check it.
 */
export function Submitted({
  fields,
  data,
  submission,
  onAgain,
}: {
  fields: readonly FieldDef[];
  data: Record<string, unknown>;
  submission: PublicSubmission;
  onAgain(): void;
}) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const serials = fields.filter((f) => submission.serial?.[f.id] != null);
  const sent = fields.filter((f) => f.id in data && valueText(f, data[f.id], i18n.language, t) !== '');
  return (
    <div className="public-done">
      <Result
        status="success"
        className="public-result"
        title={t('publicPage.done.title')}
        subTitle={serials.length ? t('publicPage.done.keepReference') : t('publicPage.done.thanks')}
      />
      {serials.map((f) => (
        <div key={f.id} className="public-reference" data-testid="public-reference">
          <Typography.Text type="secondary">{label(f.label)}</Typography.Text>
          <Typography.Text strong copyable className="public-reference-value">
            {String(submission.serial?.[f.id])}
          </Typography.Text>
        </div>
      ))}
      <Descriptions
        className="public-summary"
        title={t('publicPage.done.summary')}
        column={1}
        bordered
        size="small"
        items={sent.map((f) => ({
          key: f.id,
          label: label(f.label),
          children: valueText(f, data[f.id], i18n.language, t),
        }))}
      />
      <Button block size="large" onClick={onAgain}>
        {t('publicPage.done.again')}
      </Button>
    </div>
  );
}

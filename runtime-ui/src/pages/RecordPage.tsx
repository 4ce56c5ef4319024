import { Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { definitionOf, type FormView, type RecordRow } from '../api/types';
import { useFetch } from '../api/useFetch';
import { useLabel } from '../i18n/label';
import { valueText } from '../records/display';
import { RecordFields } from '../records/RecordFields';
import { flowStateText } from '../records/status';
import { PageState } from './PageState';
import './pages.css';

const TIMESTAMP = { id: '_at', type: 'datetime', label: { zh: '', en: '' } };

/** One record, read-only: its fields as the user may see them, and when it was made and changed. */
export default function RecordPage() {
  const { formId = '', recordId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const form = useFetch<FormView>(`/api/forms/${encodeURIComponent(formId)}`);
  const record = useFetch<RecordRow>(
    `/api/forms/${encodeURIComponent(formId)}/records/${encodeURIComponent(recordId)}`,
  );
  if (!form.data) return <PageState fetched={form} />;
  if (!record.data) return <PageState fetched={record} />;
  const definition = definitionOf(form.data);
  const row = record.data;
  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={3}>{label(definition.title)}</Typography.Title>
        <Link to={`/forms/${formId}/records`}>{t('record.backToList')}</Link>
      </div>
      <Card>
        <RecordFields fields={definition.fields} data={row.data} />
      </Card>
      <Descriptions
        className="record-meta"
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          {
            key: 'created',
            label: t('record.createdAt'),
            children: valueText(TIMESTAMP, row.createdAt, i18n.language, t),
          },
          {
            key: 'updated',
            label: t('record.updatedAt'),
            children: valueText(TIMESTAMP, row.updatedAt, i18n.language, t),
          },
          {
            key: 'flow',
            label: t('record.flowState'),
            children: row.flowState ? <Tag>{flowStateText(row.flowState, t)}</Tag> : '—',
          },
        ]}
      />
    </div>
  );
}

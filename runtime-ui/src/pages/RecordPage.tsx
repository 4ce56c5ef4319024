import { Card, Descriptions, Empty, Select, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { definitionOf, type FormView, type RecordRow } from '../api/types';
import { useFetch } from '../api/useFetch';
import { useLabel } from '../i18n/label';
import { ApprovalTimeline } from '../records/ApprovalTimeline';
import { PrintView } from '../records/PrintView';
import { RecordActions } from '../records/RecordActions';
import { RecordComments } from '../records/RecordComments';
import { RecordFields } from '../records/RecordFields';
import { RecordHistory } from '../records/RecordHistory';
import { flowStateText } from '../records/status';
import type { RecordApprovals, Timeline } from '../records/types';
import { useWhen } from '../records/when';
import { PageState } from './PageState';
import './pages.css';
import '../records/record.css';

/**
 * One record: its fields as the reader may see them, what they may do with it, its approval's
 * timeline, its history with field-level diffs, and comments. `?print=1` shows the print view.
 */
export default function RecordPage() {
  const { formId = '', recordId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t } = useTranslation();
  const label = useLabel();
  const when = useWhen();
  const base = `/api/forms/${encodeURIComponent(formId)}/records/${encodeURIComponent(recordId)}`;
  const form = useFetch<FormView>(`/api/forms/${encodeURIComponent(formId)}`);
  const record = useFetch<RecordRow>(base);
  const approvals = useFetch<RecordApprovals>(`${base}/approvals`);
  const [chosen, setChosen] = useState<string>();
  // Bumped after an action on the page, so the timeline and history read again.
  const [version, setVersion] = useState(0);
  const printing = params.get('print') === '1';
  const instanceId = chosen ?? approvals.data?.approvals[0]?.id;
  const printTimeline = useFetch<Timeline>(
    printing && instanceId ? `/api/instances/${encodeURIComponent(instanceId)}` : null,
  );

  if (!form.data) return <PageState fetched={form} />;
  if (!record.data) return <PageState fetched={record} />;
  const definition = definitionOf(form.data);
  const row = record.data;
  if (printing)
    return (
      <PrintView
        definition={definition}
        row={row}
        timeline={printTimeline.data}
        onClose={() => setParams({}, { replace: true })}
      />
    );
  const changed = () => {
    record.reload();
    approvals.reload();
    setVersion((v) => v + 1);
  };
  const list = approvals.data?.approvals ?? [];
  return (
    <div className="page record-page">
      <div className="page-heading">
        <Typography.Title level={3}>
          {label(definition.title)}
          {row.flowState && (
            <Tag className="title-tag" color={row.flowState === 'running' ? 'processing' : 'default'}>
              {flowStateText(row.flowState, t)}
            </Tag>
          )}
        </Typography.Title>
        <Link to={`/forms/${formId}/records`}>{t('record.backToList')}</Link>
      </div>
      {approvals.data && (
        <RecordActions formId={formId} recordId={recordId} state={approvals.data} onChanged={changed} />
      )}
      <div className="record-layout">
        <div className="record-main">
          <Card title={t('record.sections.fields')}>
            <RecordFields fields={definition.fields} data={row.data} />
            <Descriptions
              className="record-meta"
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'created', label: t('record.createdAt'), children: when(row.createdAt) },
                { key: 'updated', label: t('record.updatedAt'), children: when(row.updatedAt) },
              ]}
            />
          </Card>
          <Card title={t('record.sections.comments')} className="record-section">
            <RecordComments formId={formId} recordId={recordId} />
          </Card>
        </div>
        <div className="record-side">
          <Card className="record-tabs-card">
            <Tabs
              items={[
                {
                  key: 'timeline',
                  label: t('record.sections.timeline'),
                  children: (
                    <>
                      {list.length > 1 && (
                        <Select
                          className="approval-choice"
                          size="small"
                          aria-label={t('record.approvalChoice')}
                          value={instanceId}
                          onChange={setChosen}
                          options={list.map((a, i) => ({
                            value: a.id,
                            label: `${i === 0 ? t('record.latestApproval') : when(a.startedAt)} · ${flowStateText(a.status, t)}`,
                          }))}
                        />
                      )}
                      {instanceId ? (
                        <ApprovalTimeline key={instanceId} instanceId={instanceId} version={version} />
                      ) : (
                        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('record.noApproval')} />
                      )}
                    </>
                  ),
                },
                {
                  key: 'history',
                  label: t('record.sections.history'),
                  // Rendered when first opened: the history is read only by those who look.
                  children: (
                    <RecordHistory
                      formId={formId}
                      recordId={recordId}
                      fields={definition.fields}
                      version={version}
                    />
                  ),
                },
              ]}
            />
          </Card>
        </div>
      </div>
    </div>
  );
}

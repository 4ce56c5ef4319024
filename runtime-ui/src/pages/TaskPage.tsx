import { Card, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ErrorDetail } from '../api/client';
import { definitionOf, type FormView, type TaskView } from '../api/types';
import { useFetch } from '../api/useFetch';
import { useLabel } from '../i18n/label';
import { ApprovalTimeline } from '../records/ApprovalTimeline';
import { RecordFields } from '../records/RecordFields';
import { taskStatusText } from '../records/status';
import { useWhen } from '../records/when';
import { useWorkspace } from '../shell/workspace';
import { TaskActions } from '../tasks/TaskActions';
import { changedValues, TaskEdits } from '../tasks/TaskEdits';
import { PageState } from './PageState';
import './pages.css';
import '../records/record.css';
import '../tasks/tasks.css';

/**
 * A task: the record exactly as `GET /api/tasks/:taskId` gives it (the node's hidden fields never
 * reach the browser; the fields it lets the approver change are in the form renderer), the approval's timeline,
 * and, while it is pending, the comment, signature and the actions the node offers.
 */
export default function TaskPage() {
  const { taskId = '' } = useParams();
  const { t } = useTranslation();
  const label = useLabel();
  const when = useWhen();
  const navigate = useNavigate();
  const { refreshCounts } = useWorkspace();
  const task = useFetch<TaskView>(`/api/tasks/${encodeURIComponent(taskId)}`);
  const formId = task.data?.instance.formId;
  const form = useFetch<FormView>(formId ? `/api/forms/${encodeURIComponent(formId)}` : null);
  const [value, setValue] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<ErrorDetail[]>([]);
  const pending = task.data?.task.status === 'pending';
  useEffect(() => setValue(task.data?.record.data ?? {}), [task.data]);
  const editable = useMemo(
    () =>
      pending
        ? Object.entries(task.data?.fields ?? {})
            .filter(([, permission]) => permission !== 'read')
            .map(([id]) => id)
        : [],
    [task.data, pending],
  );
  const edits = useMemo(
    () => changedValues(editable, task.data?.record.data ?? {}, value),
    [editable, task.data, value],
  );
  const readOnly = useMemo(
    () =>
      new Set(
        Object.entries(task.data?.fields ?? {})
          .filter(([, permission]) => !pending || permission === 'read')
          .map(([id]) => id),
      ),
    [task.data, pending],
  );
  if (!task.data) return <PageState fetched={task} />;
  if (!form.data) return <PageState fetched={form} />;
  const view = task.data;
  const definition = definitionOf(form.data);
  return (
    <div className="page task-page">
      <div className="page-heading">
        <Typography.Title level={3}>
          {view.title && <span className="task-record-title">{view.title} · </span>}
          {label(definition.title)}
          {view.node.label && <span className="task-node"> · {label(view.node.label)}</span>}
          <Tag className="title-tag" color={pending ? 'processing' : 'default'}>
            {taskStatusText(view.task.status, t)}
          </Tag>
          <span className="task-submitted">
            {view.submitter && `${t('inbox.submitter', { name: view.submitter.name })} · `}
            {t('inbox.submittedAt', { when: when(view.submittedAt) })}
          </span>
        </Typography.Title>
        <Link to="/inbox">{t('task.backToInbox')}</Link>
      </div>
      <div className="record-layout">
        <div className="record-main">
          <Card title={t('record.sections.fields')}>
            <RecordFields fields={definition.fields} data={view.record.data} only={readOnly} />
          </Card>
          {editable.length > 0 && (
            <Card title={t('task.editableFields')} className="record-section">
              <TaskEdits
                definition={definition}
                editable={editable}
                required={editable.filter((id) => view.fields[id] === 'required')}
                value={value}
                onChange={setValue}
                errors={errors}
              />
            </Card>
          )}
          {pending && (
            <Card className="task-card">
              <TaskActions
                view={view}
                edits={edits}
                onErrors={setErrors}
                onDone={(action) => {
                  refreshCounts();
                  if (action === 'saveDraft') task.reload();
                  else navigate('/inbox', { replace: true });
                }}
              />
            </Card>
          )}
        </div>
        <div className="record-side">
          <Card title={t('record.sections.timeline')}>
            <ApprovalTimeline instanceId={view.instance.id} />
          </Card>
        </div>
      </div>
    </div>
  );
}

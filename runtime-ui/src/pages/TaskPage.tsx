import { Card, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { definitionOf, type FormView, type TaskView } from '../api/types';
import { useFetch } from '../api/useFetch';
import { useLabel } from '../i18n/label';
import { RecordFields } from '../records/RecordFields';
import { taskStatusText } from '../records/status';
import { useWorkspace } from '../shell/workspace';
import { TaskActions } from '../tasks/TaskActions';
import { PageState } from './PageState';
import './pages.css';

/**
 * A task: the record exactly as `GET /api/tasks/:taskId` gives it (the node's hidden fields never reach
 * the browser), and, while it is pending, the comment box and the actions the node offers.
 */
export default function TaskPage() {
  const { taskId = '' } = useParams();
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const { refreshCounts } = useWorkspace();
  const task = useFetch<TaskView>(`/api/tasks/${encodeURIComponent(taskId)}`);
  const formId = task.data?.instance.formId;
  const form = useFetch<FormView>(formId ? `/api/forms/${encodeURIComponent(formId)}` : null);
  const visible = useMemo(() => new Set(Object.keys(task.data?.fields ?? {})), [task.data]);
  if (!task.data) return <PageState fetched={task} />;
  if (!form.data) return <PageState fetched={form} />;
  const view = task.data;
  const definition = definitionOf(form.data);
  return (
    <div className="page">
      <div className="page-heading">
        <Typography.Title level={3}>
          {label(definition.title)}
          <Tag className="title-tag" color={view.task.status === 'pending' ? 'processing' : 'default'}>
            {taskStatusText(view.task.status, t)}
          </Tag>
        </Typography.Title>
        <Link to="/inbox">{t('task.backToInbox')}</Link>
      </div>
      <Card>
        <RecordFields fields={definition.fields} data={view.record.data} only={visible} />
      </Card>
      {view.task.status === 'pending' && (
        <Card className="task-card">
          <TaskActions
            taskId={view.task.id}
            offered={view.actions}
            onDone={() => {
              refreshCounts();
              navigate('/inbox', { replace: true });
            }}
          />
        </Card>
      )}
    </div>
  );
}

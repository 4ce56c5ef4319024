import {
  DeleteOutlined,
  EditOutlined,
  NotificationOutlined,
  PrinterOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Button, message, Popconfirm, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchRoutes, useNavigate } from 'react-router';
import { ApiError, api, post } from '../api/client';
import { router } from '../router';
import type { RecordAction, RecordApprovals } from './types';

/** The edit page comes with form filling: the button shows once a route serves it. */
function editPath(formId: string, recordId: string): string | null {
  const path = `/forms/${encodeURIComponent(formId)}/records/${encodeURIComponent(recordId)}/edit`;
  const matched = matchRoutes(router.routes, path);
  return matched && matched.at(-1)?.route.path !== '*' ? path : null;
}

/**
 * What the reader may do with the record now, as `GET …/approvals` says: edit, delete, submit into
 * the form's approval, withdraw or urge their running approval, print. The routes still decide; a
 * refusal shows the server's words.
 */
export function RecordActions({
  formId,
  recordId,
  state,
  onChanged,
}: {
  formId: string;
  recordId: string;
  state: RecordApprovals;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<RecordAction>();
  const may = (action: RecordAction) => state.actions.includes(action);
  const running = state.approvals[0]?.status === 'running' ? state.approvals[0] : undefined;
  const base = `/api/forms/${encodeURIComponent(formId)}/records/${encodeURIComponent(recordId)}`;
  const edit = may('edit') ? editPath(formId, recordId) : null;

  const run = async (action: RecordAction, work: () => Promise<unknown>, done: string) => {
    setBusy(action);
    try {
      await work();
      message.success(done);
      if (action === 'delete') navigate(`/forms/${encodeURIComponent(formId)}/records`, { replace: true });
      else onChanged();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : t('errors.generic'));
    } finally {
      setBusy(undefined);
    }
  };
  const confirm = (
    action: RecordAction,
    title: string,
    button: ReactNode,
    work: () => Promise<unknown>,
    done: string,
  ) => (
    <Popconfirm
      key={action}
      title={title}
      okText={t('record.actions.yes')}
      cancelText={t('common.cancel')}
      onConfirm={() => run(action, work, done)}
    >
      {button}
    </Popconfirm>
  );

  return (
    <Space wrap className="record-actions">
      {edit && (
        <Button icon={<EditOutlined />} onClick={() => navigate(edit)}>
          {/* The edit page's own word for it (form filling owns that page). */}
          {t('fill.edit')}
        </Button>
      )}
      {may('submit') &&
        confirm(
          'submit',
          t('record.actions.submitConfirm'),
          <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'}>
            {t('record.actions.submit')}
          </Button>,
          () => post(`${base}/submit`),
          t('record.actions.submitted'),
        )}
      {may('withdraw') &&
        running &&
        confirm(
          'withdraw',
          t('record.actions.withdrawConfirm'),
          <Button icon={<RollbackOutlined />} loading={busy === 'withdraw'}>
            {t('record.actions.withdraw')}
          </Button>,
          () => post(`/api/instances/${encodeURIComponent(running.id)}/withdraw`),
          t('record.actions.withdrawn'),
        )}
      {may('urge') && running && (
        <Button
          icon={<NotificationOutlined />}
          loading={busy === 'urge'}
          onClick={() =>
            run(
              'urge',
              () => post(`/api/instances/${encodeURIComponent(running.id)}/urge`),
              t('record.actions.urged'),
            )
          }
        >
          {t('record.actions.urge')}
        </Button>
      )}
      {may('print') && (
        <Button icon={<PrinterOutlined />} onClick={() => navigate('?print=1')}>
          {t('record.actions.print')}
        </Button>
      )}
      {may('delete') &&
        confirm(
          'delete',
          t('record.actions.deleteConfirm'),
          <Button danger icon={<DeleteOutlined />} loading={busy === 'delete'}>
            {t('record.actions.delete')}
          </Button>,
          () => api('DELETE', base),
          t('record.actions.deleted'),
        )}
    </Space>
  );
}

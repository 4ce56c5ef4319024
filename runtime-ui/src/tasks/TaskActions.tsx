import { Button, Form, Input, Modal, message, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, post } from '../api/client';
import type { User } from '../api/types';

/** The actions this screen offers, of those a node may (`addSigner`, `saveDraft` come with form filling). */
const SHOWN = ['approve', 'reject', 'return', 'transfer', 'read'] as const;
type Action = (typeof SHOWN)[number];

/**
 * The approver's comment and buttons, posting to `POST /api/tasks/:taskId/actions`. A task handled
 * meanwhile by someone else answers 409, said as such; other refusals show the server's words. The
 * static `message` outlives this page, so "sent" still shows after the move back to the inbox.
 */
export function TaskActions({
  taskId,
  offered,
  onDone,
}: {
  taskId: string;
  offered: readonly string[];
  onDone(action: string): void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<Action>();
  const [transferring, setTransferring] = useState(false);
  const actions = SHOWN.filter((a) => offered.includes(a));

  const act = async (action: Action, extra: Record<string, unknown> = {}) => {
    setBusy(action);
    try {
      const trimmed = comment.trim();
      await post(`/api/tasks/${encodeURIComponent(taskId)}/actions`, {
        action,
        ...(trimmed && action !== 'read' ? { comment: trimmed } : {}),
        ...extra,
      });
      message.success(t('task.done'));
      onDone(action);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) message.error(t('task.alreadyHandled'));
      else if (error instanceof ApiError)
        message.error(error.details.map((d) => d.message).join(' ') || error.message);
      else message.error(t('errors.generic'));
    } finally {
      setBusy(undefined);
    }
  };

  if (actions.length === 0) return null;
  return (
    <div className="task-actions">
      {!actions.includes('read') && (
        <Form.Item label={t('task.comment')} htmlFor="task-comment" layout="vertical">
          <Input.TextArea
            id="task-comment"
            rows={3}
            maxLength={2000}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            placeholder={t('task.commentPlaceholder')}
          />
        </Form.Item>
      )}
      <Space wrap className="task-buttons">
        {actions.includes('approve') && (
          <Button type="primary" size="large" loading={busy === 'approve'} onClick={() => act('approve')}>
            {t('task.approve')}
          </Button>
        )}
        {actions.includes('reject') && (
          <Button danger size="large" loading={busy === 'reject'} onClick={() => act('reject')}>
            {t('task.reject')}
          </Button>
        )}
        {actions.includes('return') && (
          <Button size="large" loading={busy === 'return'} onClick={() => act('return')}>
            {t('task.return')}
          </Button>
        )}
        {actions.includes('transfer') && (
          <Button size="large" loading={busy === 'transfer'} onClick={() => setTransferring(true)}>
            {t('task.transfer')}
          </Button>
        )}
        {actions.includes('read') && (
          <Button type="primary" size="large" loading={busy === 'read'} onClick={() => act('read')}>
            {t('task.markRead')}
          </Button>
        )}
      </Space>
      <TransferDialog
        open={transferring}
        onCancel={() => setTransferring(false)}
        onChoose={(userId) => {
          setTransferring(false);
          void act('transfer', { to: userId });
        }}
      />
    </div>
  );
}

/**
 * Whom to hand the task to. The user list is an admin route today; others type the colleague's user
 * id until a people picker that searches arrives with form filling.
 */
function TransferDialog({
  open,
  onCancel,
  onChoose,
}: {
  open: boolean;
  onCancel(): void;
  onChoose(userId: string): void;
}) {
  const { t } = useTranslation();
  const [users, setUsers] = useState<User[] | null>();
  const [chosen, setChosen] = useState<string>();
  useEffect(() => {
    if (!open || users !== undefined) return;
    get<{ users: User[] }>('/api/users').then(
      (answer) => setUsers(answer.users.filter((u) => u.status === 'active')),
      () => setUsers(null),
    );
  }, [open, users]);
  return (
    <Modal
      open={open}
      title={t('task.transferTitle')}
      okText={t('task.transfer')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !chosen }}
      onOk={() => chosen && onChoose(chosen)}
      onCancel={onCancel}
    >
      <Form layout="vertical">
        <Form.Item label={t('task.transferTo')} htmlFor="transfer-to">
          {users === null ? (
            <Input
              id="transfer-to"
              placeholder={t('task.userId')}
              onChange={(e) => setChosen(e.target.value.trim())}
            />
          ) : (
            <Select
              id="transfer-to"
              showSearch={{ optionFilterProp: 'label' }}
              loading={users === undefined}
              value={chosen}
              onChange={setChosen}
              options={(users ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
            />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}

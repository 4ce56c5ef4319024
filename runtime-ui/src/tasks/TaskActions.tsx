import type { UploadedFile } from '@forecourt/schemas/api';
import { Button, Form, Input, Modal, message, Radio, Space } from 'antd';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ErrorDetail, post } from '../api/client';
import type { TaskView } from '../api/types';
import { useMe } from '../session/session';
import { ReturnDialog } from './ReturnDialog';
import { SignatureBox, type SignatureHandle } from './SignatureBox';
import { UserPicker } from './UserPicker';

/** The actions this screen offers, of those a node may. */
const SHOWN = ['approve', 'reject', 'return', 'transfer', 'addSigner', 'saveDraft', 'read'] as const;
type Action = (typeof SHOWN)[number];
type Where = 'before' | 'after' | 'parallel';

/**
 * The approver's comment, signature and buttons, posting to `POST /api/tasks/:taskId/actions`. A
 * task handled meanwhile by someone else answers 409, said as such; a refused field edit comes back
 * through `onErrors`; other refusals show the server's words. The static `message` outlives
 * this page, so "sent" still shows after the move back to the inbox.
 */
export function TaskActions({
  view,
  edits,
  onErrors,
  onDone,
}: {
  view: TaskView;
  /** Changed values of the fields the node lets the approver edit. */
  edits: Record<string, unknown>;
  /** The server's details of a refused action, paths relative to the record (`/f_total`). */
  onErrors(details: ErrorDetail[]): void;
  onDone(action: string): void;
}) {
  const { t } = useTranslation();
  const me = useMe().user.id;
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<Action>();
  // One action at a time: a second click (or another button) while one runs would act on a handled task.
  const running = useRef(false);
  const [dialog, setDialog] = useState<'transfer' | 'addSigner' | 'return'>();
  const signature = useRef<SignatureHandle>(null);
  const signatureLabel = useId();
  const actions = SHOWN.filter(
    (a) => view.actions.includes(a) && (a !== 'saveDraft' || Object.keys(edits).length > 0),
  );
  const signs = view.node.requireSignature;

  const act = async (action: Action, extra: Record<string, unknown> = {}) => {
    if (running.current) return;
    running.current = true;
    setBusy(action);
    onErrors([]);
    try {
      const trimmed = comment.trim();
      const body: Record<string, unknown> = { action, ...extra };
      if (trimmed && action !== 'read' && action !== 'saveDraft') body.comment = trimmed;
      if ((action === 'approve' || action === 'saveDraft') && Object.keys(edits).length) body.data = edits;
      if (signs && (action === 'approve' || action === 'reject')) {
        const png = signature.current?.png();
        if (!png) {
          message.error(t('task.signFirst'));
          return;
        }
        const saved = await post<UploadedFile>(`/api/tasks/${encodeURIComponent(view.task.id)}/signature`, {
          png,
        });
        body.signatureFileId = saved.fileId;
      }
      await post(`/api/tasks/${encodeURIComponent(view.task.id)}/actions`, body);
      message.success(action === 'saveDraft' ? t('task.saved') : t('task.done'));
      onDone(action);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) message.error(t('task.alreadyHandled'));
      else if (error instanceof ApiError) {
        onErrors(error.details.map((d) => ({ ...d, path: d.path.replace(/^\/data(?=\/)/, '') })));
        message.error(error.details.map((d) => d.message).join(' ') || error.message);
      } else message.error(t('errors.generic'));
    } finally {
      running.current = false;
      setBusy(undefined);
    }
  };

  if (actions.length === 0) return null;
  return (
    <div className="task-actions">
      {!actions.includes('read') && (
        <Form layout="vertical">
          <Form.Item label={t('task.comment')} htmlFor="task-comment" required={view.node.requireComment}>
            <Input.TextArea
              id="task-comment"
              rows={3}
              maxLength={2000}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
              placeholder={
                view.node.requireComment ? t('task.commentRequired') : t('task.commentPlaceholder')
              }
            />
          </Form.Item>
          {signs && (
            <Form.Item label={<span id={signatureLabel}>{t('task.signature')}</span>} required>
              <SignatureBox ref={signature} labelId={signatureLabel} />
            </Form.Item>
          )}
        </Form>
      )}
      <Space wrap className="task-buttons">
        {actions.includes('approve') && (
          <Button
            type="primary"
            size="large"
            loading={busy === 'approve'}
            disabled={busy !== undefined && busy !== 'approve'}
            onClick={() => act('approve')}
          >
            {t('task.approve')}
          </Button>
        )}
        {actions.includes('reject') && (
          <Button
            danger
            size="large"
            loading={busy === 'reject'}
            disabled={busy !== undefined && busy !== 'reject'}
            onClick={() => act('reject')}
          >
            {t('task.reject')}
          </Button>
        )}
        {actions.includes('return') && (
          <Button
            size="large"
            loading={busy === 'return'}
            disabled={busy !== undefined && busy !== 'return'}
            onClick={() => setDialog('return')}
          >
            {t('task.return')}
          </Button>
        )}
        {actions.includes('transfer') && (
          <Button
            size="large"
            loading={busy === 'transfer'}
            disabled={busy !== undefined && busy !== 'transfer'}
            onClick={() => setDialog('transfer')}
          >
            {t('task.transfer')}
          </Button>
        )}
        {actions.includes('addSigner') && (
          <Button
            size="large"
            loading={busy === 'addSigner'}
            disabled={busy !== undefined && busy !== 'addSigner'}
            onClick={() => setDialog('addSigner')}
          >
            {t('task.addSigner')}
          </Button>
        )}
        {actions.includes('saveDraft') && (
          <Button
            size="large"
            loading={busy === 'saveDraft'}
            disabled={busy !== undefined && busy !== 'saveDraft'}
            onClick={() => act('saveDraft')}
          >
            {t('task.saveDraft')}
          </Button>
        )}
        {actions.includes('read') && (
          <Button
            type="primary"
            size="large"
            loading={busy === 'read'}
            disabled={busy !== undefined && busy !== 'read'}
            onClick={() => act('read')}
          >
            {t('task.markRead')}
          </Button>
        )}
      </Space>
      <ReturnDialog
        open={dialog === 'return'}
        targets={view.returnTargets}
        onCancel={() => setDialog(undefined)}
        onChoose={(to, resume) => {
          setDialog(undefined);
          void act('return', { to, resume });
        }}
      />
      <PersonDialog
        open={dialog === 'transfer' || dialog === 'addSigner'}
        addSigner={dialog === 'addSigner'}
        exclude={[me]}
        onCancel={() => setDialog(undefined)}
        onChoose={(userId, where) => {
          const action = dialog;
          setDialog(undefined);
          if (action === 'transfer') void act('transfer', { to: userId });
          else void act('addSigner', { to: userId, where });
        }}
      />
    </div>
  );
}

/** Whom to hand the task to (transfer), or whom to add as a signer and where (加签: before, after, alongside). */
function PersonDialog({
  open,
  addSigner,
  exclude,
  onCancel,
  onChoose,
}: {
  open: boolean;
  addSigner: boolean;
  exclude: readonly string[];
  onCancel(): void;
  onChoose(userId: string, where: Where): void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string>();
  const [where, setWhere] = useState<Where>('after');
  return (
    <Modal
      open={open}
      destroyOnHidden
      title={addSigner ? t('task.addSignerTitle') : t('task.transferTitle')}
      okText={addSigner ? t('task.addSigner') : t('task.transfer')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !chosen }}
      onOk={() => chosen && onChoose(chosen, where)}
      onCancel={onCancel}
      afterClose={() => setChosen(undefined)}
    >
      <Form layout="vertical">
        <Form.Item label={addSigner ? t('task.signer') : t('task.transferTo')} htmlFor="task-person">
          <UserPicker id="task-person" value={chosen} onChange={setChosen} exclude={exclude} />
        </Form.Item>
        {addSigner && (
          <Form.Item label={t('task.signerWhere')}>
            <Radio.Group
              value={where}
              onChange={(e) => setWhere(e.target.value)}
              options={[
                { value: 'before', label: t('task.signerBefore') },
                { value: 'after', label: t('task.signerAfter') },
                { value: 'parallel', label: t('task.signerParallel') },
              ]}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

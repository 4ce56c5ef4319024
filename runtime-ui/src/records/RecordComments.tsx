import { Button, Empty, Input, message, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, post } from '../api/client';
import { useFetch } from '../api/useFetch';
import { PageState } from '../pages/PageState';
import { UserPicker } from '../tasks/UserPicker';
import type { RecordComment } from './types';
import { useWhen } from './when';

/**
 * The discussion beside a record: everyone who may view the record reads and adds comments, and
 * deletes their own; colleagues @-mentioned are notified. Comments are not record data, so they never appear in its history.
 */
export function RecordComments({ formId, recordId }: { formId: string; recordId: string }) {
  const { t } = useTranslation();
  const when = useWhen();
  const path = `/api/forms/${encodeURIComponent(formId)}/records/${encodeURIComponent(recordId)}/comments`;
  const comments = useFetch<{ comments: RecordComment[] }>(path);
  const [draft, setDraft] = useState('');
  const [mentions, setMentions] = useState<string[]>([]);
  const [sending, setSending] = useState(false);

  const send = async () => {
    if (!draft.trim()) return;
    setSending(true);
    try {
      await post(path, { body: draft.trim(), ...(mentions.length ? { mentions } : {}) });
      setDraft('');
      setMentions([]);
      comments.reload();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : t('errors.generic'));
    } finally {
      setSending(false);
    }
  };
  const remove = async (id: string) => {
    try {
      await api('DELETE', `${path}/${encodeURIComponent(id)}`);
      comments.reload();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : t('errors.generic'));
    }
  };

  if (!comments.data) return <PageState fetched={comments} />;
  return (
    <div className="record-comments">
      {comments.data.comments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('record.comments.none')} />
      ) : (
        <ul className="comment-list">
          {comments.data.comments.map((comment) => (
            <li key={comment.id} className="comment">
              <div className="comment-head">
                <strong>{comment.author.name}</strong>
                <span className="comment-when">{when(comment.createdAt)}</span>
                {comment.mine && (
                  <Popconfirm
                    title={t('record.comments.deleteConfirm')}
                    okText={t('record.comments.delete')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => remove(comment.id)}
                  >
                    <Button type="link" size="small" danger className="comment-delete">
                      {t('record.comments.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </div>
              <p className="comment-body">
                {comment.mentions.map((m) => (
                  <span key={m.id} className="comment-mention">
                    @{m.name}{' '}
                  </span>
                ))}
                {comment.body}
              </p>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor="record-comment" className="visually-hidden">
        {t('record.comments.label')}
      </label>
      <Input.TextArea
        id="record-comment"
        rows={2}
        maxLength={2000}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        placeholder={t('record.comments.placeholder')}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send();
        }}
      />
      <div className="comment-send">
        <label htmlFor="comment-mentions" className="visually-hidden">
          {t('record.comments.mention')}
        </label>
        <div className="comment-mentions">
          <UserPicker
            id="comment-mentions"
            multiple
            value={mentions}
            onChange={setMentions}
            placeholder={t('record.comments.mention')}
          />
        </div>
        <Button type="primary" loading={sending} disabled={!draft.trim()} onClick={() => void send()}>
          {t('record.comments.send')}
        </Button>
      </div>
    </div>
  );
}

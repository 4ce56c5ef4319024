import type { BatchApproveResult } from '@forecourt/schemas/api';
import { Alert, Button, Checkbox, Empty, message, Skeleton, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, get, post } from '../api/client';
import type { InboxBox, InboxItem, InboxPage } from '../api/types';
import { useLabel } from '../i18n/label';
import { PageState } from '../pages/PageState';
import { flowStateText, taskStatusText } from '../records/status';
import { useWhen } from '../records/when';
import { useFormTitles } from './formTitles';
import { InstanceButtons } from './InstanceButtons';

/**
 * One box of the inbox, newest first, paged by `next`. `version` changes when something arrived (the
 * live stream) or was done here: the list reads again from the top. The to-do box selects approval
 * tasks for batch approve; the initiated box offers withdraw and urge on running approvals.
 */
export function InboxList({
  box,
  version,
  onChanged,
}: {
  box: InboxBox;
  version: number;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const when = useWhen();
  const [items, setItems] = useState<InboxItem[]>();
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [approving, setApproving] = useState(false);
  /** The tasks the last batch approve could not approve: which, and the server's reason. */
  const [failures, setFailures] = useState<{ taskId: string; title: string; reason: string }[]>([]);
  const generation = useRef(0);

  const load = useCallback(
    async (cursor: string | null) => {
      const mine = ++generation.current;
      setLoading(true);
      try {
        const page = await get<InboxPage>(
          `/api/tasks?box=${box}&limit=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        if (mine !== generation.current) return;
        setItems((previous) => [...(cursor ? (previous ?? []) : []), ...page.items]);
        setNext(page.next);
        setError(undefined);
      } catch (caught) {
        // A failure without an answer (network down) still ends the skeleton with a retryable error.
        if (mine === generation.current)
          setError(
            caught instanceof ApiError
              ? caught
              : new ApiError(0, 'network', caught instanceof Error ? caught.message : String(caught)),
          );
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [box],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: version only asks to read again
  useEffect(() => {
    void load(null);
  }, [load, version]);
  // Selected tasks that are gone from the list (handled elsewhere) are no longer selected.
  useEffect(() => {
    setSelected((previous) => {
      const present = new Set((items ?? []).map((i) => i.taskId));
      const kept = [...previous].filter((id) => present.has(id));
      return kept.length === previous.size ? previous : new Set(kept);
    });
  }, [items]);
  const titles = useFormTitles(items?.map((i) => i.formId) ?? []);

  if (error && !items) return <PageState fetched={{ error, reload: () => void load(null) }} />;
  if (!items) return <Skeleton active />;
  const failureAlert = failures.length > 0 && (
    <Alert
      type="warning"
      showIcon
      closable={{ onClose: () => setFailures([]) }}
      className="inbox-failures"
      title={t('inbox.batchFailed', { count: failures.length })}
      description={
        <ul>
          {failures.map((f) => (
            <li key={f.taskId}>{t('inbox.batchFailure', { title: f.title, reason: f.reason })}</li>
          ))}
        </ul>
      }
    />
  );
  if (items.length === 0)
    return (
      <>
        {failureAlert}
        <Empty description={t('inbox.empty')} />
      </>
    );

  const selectable = box === 'todo' ? items.filter((i) => i.taskId && i.kind === 'approval') : [];
  const toggle = (taskId: string, on: boolean) =>
    setSelected((previous) => {
      const copy = new Set(previous);
      if (on) copy.add(taskId);
      else copy.delete(taskId);
      return copy;
    });
  const titleOf = (item: InboxItem) => {
    const formTitle = label(titles.get(item.formId)) || item.formId;
    // The record's own title tells apart items of one form; the form names it otherwise.
    return item.title ? `${item.title} · ${formTitle}` : formTitle;
  };
  const batchApprove = async () => {
    setApproving(true);
    setFailures([]);
    try {
      const answer = await post<BatchApproveResult>('/api/tasks/batch-approve', { taskIds: [...selected] });
      const failed = answer.results.filter((r) => !r.ok);
      const done = answer.results.length - failed.length;
      if (failed.length === 0) message.success(t('inbox.batchDone', { count: done }));
      else message.warning(t('inbox.batchPartly', { done, failed: failed.length }));
      // Named now: the reload below may drop the tasks from the list.
      setFailures(
        failed.map((r) => {
          const item = items.find((i) => i.taskId === r.taskId);
          return {
            taskId: r.taskId,
            title: item ? titleOf(item) : r.taskId,
            reason: r.error?.message ?? t('errors.generic'),
          };
        }),
      );
      setSelected(new Set());
      onChanged();
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.message : t('errors.generic'));
    } finally {
      setApproving(false);
    }
  };

  return (
    <>
      {selectable.length > 0 && (
        <div className="inbox-toolbar">
          <Checkbox
            checked={selected.size === selectable.length}
            indeterminate={selected.size > 0 && selected.size < selectable.length}
            onChange={(e) => setSelected(new Set(e.target.checked ? selectable.map((i) => i.taskId!) : []))}
          >
            {t('inbox.selectAll')}
          </Checkbox>
          <Button type="primary" disabled={selected.size === 0} loading={approving} onClick={batchApprove}>
            {t('inbox.batchApprove', { count: selected.size })}
          </Button>
        </div>
      )}
      {failureAlert}
      <ul className="inbox-list">
        {items.map((item) => {
          const target = item.taskId
            ? `/tasks/${item.taskId}`
            : `/forms/${item.formId}/records/${item.recordId}`;
          const status = item.taskStatus
            ? taskStatusText(item.taskStatus, t)
            : flowStateText(item.instanceStatus, t);
          const formTitle = label(titles.get(item.formId)) || item.formId;
          const title = titleOf(item);
          const canSelect = selectable.includes(item);
          return (
            <li key={item.taskId ?? item.instanceId} className="inbox-row">
              {canSelect && (
                <span className="inbox-select">
                  <Checkbox
                    checked={selected.has(item.taskId!)}
                    onChange={(e) => toggle(item.taskId!, e.target.checked)}
                    aria-label={t('inbox.selectOne', { title })}
                  />
                </span>
              )}
              <Link to={target} className="inbox-item">
                <span className="inbox-item-title">
                  {item.title && <span className="inbox-record-title">{item.title}</span>}
                  <span className={item.title ? 'inbox-form' : undefined}>{formTitle}</span>
                  {item.nodeLabel && <span className="inbox-node"> · {label(item.nodeLabel)}</span>}
                </span>
                <span className="inbox-item-meta">
                  {item.submitter && <span>{t('inbox.submitter', { name: item.submitter.name })}</span>}
                  <span>{t('inbox.submittedAt', { when: when(item.submittedAt) })}</span>
                  {item.actedAt && <span>{t('inbox.actedAt', { when: when(item.actedAt) })}</span>}
                  <Tag>{status}</Tag>
                </span>
              </Link>
              {box === 'initiated' && item.instanceStatus === 'running' && (
                <span className="inbox-row-actions">
                  <InstanceButtons instanceId={item.instanceId} onDone={onChanged} />
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {next && (
        <Button block loading={loading} onClick={() => void load(next)}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}

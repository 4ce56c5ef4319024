import { Badge, Button, Empty, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, get } from '../api/client';
import type { InboxBox, InboxItem } from '../api/types';
import { useLabel } from '../i18n/label';
import { valueText } from '../records/display';
import { flowStateText, taskStatusText } from '../records/status';
import { useWorkspace } from '../shell/workspace';
import { useFormTitles } from '../tasks/formTitles';
import { PageState } from './PageState';
import './pages.css';

const BOXES: readonly InboxBox[] = ['todo', 'done', 'initiated', 'cc'];
const AT = { id: '_at', type: 'datetime', label: { zh: '', en: '' } };

/** The inbox: to-do, done, initiated and CC boxes, each newest first and paged by `next`. */
export default function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { counts, refreshCounts } = useWorkspace();
  const requested = params.get('box') as InboxBox | null;
  const box: InboxBox = requested && BOXES.includes(requested) ? requested : 'todo';
  useEffect(() => refreshCounts(), [refreshCounts]);

  const count = (b: InboxBox) => (b === 'done' ? undefined : counts?.[b]);
  const title = (b: InboxBox) =>
    b === 'todo'
      ? t('inbox.todo')
      : b === 'done'
        ? t('inbox.done')
        : b === 'initiated'
          ? t('inbox.initiated')
          : t('inbox.cc');
  return (
    <div className="page">
      <Typography.Title level={3}>{t('inbox.title')}</Typography.Title>
      <Tabs
        activeKey={box}
        onChange={(key) => setParams({ box: key })}
        items={BOXES.map((b) => ({
          key: b,
          label: (
            <span className="inbox-tab">
              {title(b)}
              {count(b) ? (
                <Badge count={count(b)} size="small" color={b === 'todo' ? 'red' : 'blue'} />
              ) : null}
            </span>
          ),
          children: b === box ? <InboxList box={b} /> : null,
        }))}
      />
    </div>
  );
}

function InboxList({ box }: { box: InboxBox }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const [items, setItems] = useState<InboxItem[]>();
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);
  const generation = useRef(0);

  const load = useCallback(
    async (cursor: string | null) => {
      const mine = ++generation.current;
      setLoading(true);
      try {
        const page = await get<{ items: InboxItem[]; next: string | null }>(
          `/api/tasks?box=${box}&limit=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        if (mine !== generation.current) return;
        setItems((previous) => [...(cursor ? (previous ?? []) : []), ...page.items]);
        setNext(page.next);
        setError(undefined);
      } catch (caught) {
        if (mine === generation.current) setError(caught instanceof ApiError ? caught : undefined);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [box],
  );
  useEffect(() => {
    void load(null);
  }, [load]);
  const titles = useFormTitles(items?.map((i) => i.formId) ?? []);

  if (error && !items) return <PageState fetched={{ error, reload: () => void load(null) }} />;
  if (!items) return <Skeleton active />;
  if (items.length === 0) return <Empty description={t('inbox.empty')} />;
  return (
    <>
      <ul className="inbox-list">
        {items.map((item) => {
          const target = item.taskId
            ? `/tasks/${item.taskId}`
            : `/forms/${item.formId}/records/${item.recordId}`;
          const status = item.taskStatus
            ? taskStatusText(item.taskStatus, t)
            : flowStateText(item.instanceStatus, t);
          return (
            <li key={item.taskId ?? item.instanceId}>
              <Link to={target} className="inbox-item">
                <span className="inbox-item-title">
                  {label(titles.get(item.formId)) || item.formId}
                  {item.nodeLabel && <span className="inbox-node"> · {label(item.nodeLabel)}</span>}
                </span>
                <span className="inbox-item-meta">
                  {item.submitter && <span>{t('inbox.submitter', { name: item.submitter.name })}</span>}
                  <span>{valueText(AT, item.actedAt ?? item.createdAt, i18n.language, t)}</span>
                  <Tag>{status}</Tag>
                </span>
              </Link>
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

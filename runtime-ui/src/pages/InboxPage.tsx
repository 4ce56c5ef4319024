import { Badge, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { InboxBox } from '../api/types';
import { useWorkspace } from '../shell/workspace';
import { InboxList } from '../tasks/InboxList';
import { useNotificationStream } from '../tasks/useNotificationStream';
import './pages.css';
import '../tasks/tasks.css';

const BOXES: readonly InboxBox[] = ['todo', 'done', 'initiated', 'cc'];

/**
 * The inbox: to-do, done, initiated and CC boxes with their counts. While it is open, the
 * notification stream refreshes the counts and the list when a task or copy arrives.
 */
export default function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { counts, refreshCounts } = useWorkspace();
  const requested = params.get('box') as InboxBox | null;
  const box: InboxBox = requested && BOXES.includes(requested) ? requested : 'todo';
  const [version, setVersion] = useState(0);
  useEffect(() => refreshCounts(), [refreshCounts]);
  const changed = useCallback(() => {
    refreshCounts();
    setVersion((v) => v + 1);
  }, [refreshCounts]);
  useNotificationStream(changed);

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
          children: b === box ? <InboxList box={b} version={version} onChanged={changed} /> : null,
        }))}
      />
    </div>
  );
}

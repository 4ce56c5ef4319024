import { Button, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Fetched } from '../api/useFetch';

/** What a page shows before its data: a skeleton while loading, else the error in the user's words. */
export function PageState({ fetched }: { fetched: Pick<Fetched<unknown>, 'error' | 'reload'> }) {
  const { t } = useTranslation();
  const error = fetched.error;
  if (!error)
    return (
      <div className="page">
        <Skeleton active paragraph={{ rows: 6 }} />
      </div>
    );
  if (error.status === 404) return <Result status="404" title={t('errors.notFound')} />;
  if (error.status === 403) return <Result status="403" title={t('errors.forbidden')} />;
  return (
    <Result
      status="error"
      title={t('errors.generic')}
      subTitle={error.message}
      extra={<Button onClick={fetched.reload}>{t('common.retry')}</Button>}
    />
  );
}

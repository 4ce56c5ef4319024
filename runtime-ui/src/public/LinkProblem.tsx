import { ClockCircleOutlined, DisconnectOutlined, HourglassOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicApiError } from './publicApi';

/** Counts a 429's Retry-After down to zero, so the retry button says when it will work. */
function useCountdown(seconds: number | undefined): number {
  const [left, setLeft] = useState(seconds ?? 0);
  useEffect(() => {
    setLeft(seconds ?? 0);
    if (!seconds) return;
    const timer = window.setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => window.clearInterval(timer);
  }, [seconds]);
  return left;
}

/**
 * Why a link does not open, in words a customer understands, and what to do: an expired link (403)
 * or one that does not exist or was switched off (404: the server does not tell them apart, on
 * purpose) means asking the store for a new one; too many requests (429) means waiting a moment.
 * 401 never reaches here: the page asks for the password instead.
 */
export function LinkProblem({ error, onRetry }: { error: PublicApiError; onRetry(): void }) {
  const { t } = useTranslation();
  const left = useCountdown(error.status === 429 ? error.retryAfter : undefined);
  if (error.status === 403)
    return (
      <Result
        className="public-result public-result-wait"
        icon={<ClockCircleOutlined />}
        title={t('publicPage.expired.title')}
        subTitle={t('publicPage.expired.hint')}
      />
    );
  if (error.status === 404)
    return (
      <Result
        className="public-result public-result-muted"
        icon={<StopOutlined />}
        title={t('publicPage.unavailable.title')}
        subTitle={t('publicPage.unavailable.hint')}
      />
    );
  if (error.status === 429)
    return (
      <Result
        className="public-result public-result-wait"
        icon={<HourglassOutlined />}
        title={t('publicPage.tooMany.title')}
        subTitle={left > 0 ? t('publicPage.tooMany.wait', { seconds: left }) : t('publicPage.tooMany.hint')}
        extra={
          <Button type="primary" size="large" disabled={left > 0} onClick={onRetry}>
            {t('publicPage.retry')}
          </Button>
        }
      />
    );
  return (
    <Result
      className="public-result"
      icon={<DisconnectOutlined />}
      title={t('publicPage.failed.title')}
      subTitle={error.status === 0 ? t('publicPage.failed.hint') : error.message}
      extra={
        <Button type="primary" size="large" onClick={onRetry}>
          {t('publicPage.retry')}
        </Button>
      }
    />
  );
}

import { Alert, Button, message, Popconfirm, Space } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../api/client';
import { useLabel } from '../i18n/label';
import type { TimelineFailure } from './types';

/**
 * An automatic action of the approval failed for good (a webhook that never answered, say): what
 * failed and why, and for the app's admins the way out: try it again, or skip it and let the flow
 * go on (`POST /api/instances/:id/retry-action|skip-action`).
 */
export function ActionFailure({
  instanceId,
  failure,
  onResolved,
}: {
  instanceId: string;
  failure: TimelineFailure;
  onResolved(): void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const [busy, setBusy] = useState<'retry' | 'skip'>();
  const resolve = async (how: 'retry' | 'skip') => {
    setBusy(how);
    try {
      await post(`/api/instances/${encodeURIComponent(instanceId)}/${how}-action`);
      message.success(how === 'retry' ? t('flow.failure.retried') : t('flow.failure.skipped'));
      onResolved();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : t('errors.generic'));
    } finally {
      setBusy(undefined);
    }
  };
  const node = failure.nodeLabel ? label(failure.nodeLabel) : failure.nodeId;
  return (
    <Alert
      className="action-failure"
      type="error"
      showIcon
      title={t('flow.failure.title', { node, attempts: failure.attempts })}
      description={failureText(failure, t)}
      action={
        failure.canResolve && (
          <Space orientation="vertical">
            <Button size="small" type="primary" loading={busy === 'retry'} onClick={() => resolve('retry')}>
              {t('flow.failure.retry')}
            </Button>
            <Popconfirm title={t('flow.failure.skipConfirm')} onConfirm={() => resolve('skip')}>
              <Button size="small" danger loading={busy === 'skip'}>
                {t('flow.failure.skip')}
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    />
  );
}

/** Why it failed, in the reader's language, from the stable code; an unknown code shows the server's words. */
export function failureText(failure: TimelineFailure, t: TFunction): string {
  const p = failure.error.params;
  switch (failure.error.code) {
    case 'outbound.status':
      return t('flow.failure.status', { status: p.status });
    case 'outbound.network':
      return t('flow.failure.network', { error: p.error });
    case 'outbound.timeout':
      return t('flow.failure.timeout', { seconds: Math.round(Number(p.ms) / 1000) });
    case 'outbound.redirect':
      return t('flow.failure.redirect', { status: p.status, location: p.location });
    case 'outbound.too_large':
      return t('flow.failure.tooLarge');
    case 'outbound.address_refused':
    case 'outbound.name_refused':
    case 'outbound.userinfo':
    case 'outbound.url_invalid':
      return t('flow.failure.refused', { host: p.host ?? p.url ?? '' });
    case 'outbound.dns_failed':
      return t('flow.failure.dns', { host: p.host });
    default:
      return failure.error.message;
  }
}

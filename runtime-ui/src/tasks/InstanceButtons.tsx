import { Button, message, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../api/client';

/**
 * Withdraw (while nobody has acted since the submit) and urge (at most every 10 minutes) on an
 * approval the user started; the server decides and its refusal is shown in its words.
 */
export function InstanceButtons({ instanceId, onDone }: { instanceId: string; onDone(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'withdraw' | 'urge'>();
  const run = async (action: 'withdraw' | 'urge') => {
    setBusy(action);
    try {
      await post(`/api/instances/${encodeURIComponent(instanceId)}/${action}`);
      message.success(action === 'withdraw' ? t('inbox.withdrawn') : t('inbox.urged'));
      onDone();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : t('errors.generic'));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <>
      <Popconfirm
        title={t('inbox.withdrawConfirm')}
        okText={t('inbox.withdraw')}
        cancelText={t('common.cancel')}
        onConfirm={() => run('withdraw')}
      >
        <Button size="small" loading={busy === 'withdraw'}>
          {t('inbox.withdraw')}
        </Button>
      </Popconfirm>
      <Button size="small" loading={busy === 'urge'} onClick={() => run('urge')}>
        {t('inbox.urge')}
      </Button>
    </>
  );
}

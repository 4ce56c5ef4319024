import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { App as AppInfo } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { useLabel } from '../../i18n/label';
import { PageState } from '../../pages/PageState';
import { errorText } from '../shared/errors';
import { NewTokenModal } from './NewTokenModal';
import type { ApiToken } from './types';

const when = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');

/** The signed-in user's own API tokens: make one (its secret is shown once), revoke one. */
export default function TokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = useLabel();
  const tokens = useFetch<{ tokens: ApiToken[] }>('/api/tokens');
  const apps = useFetch<{ apps: AppInfo[] }>('/api/apps');
  const [creating, setCreating] = useState(false);
  if (!tokens.data) return <PageState fetched={tokens} />;
  const appNames = new Map((apps.data?.apps ?? []).map((a) => [a.id, label(a.name)]));

  const revoke = async (token: ApiToken) => {
    try {
      await api('DELETE', `/api/tokens/${token.id}`);
      message.success(t('admin.tokens.revoked'));
      tokens.reload();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const status = (token: ApiToken) => {
    if (token.revokedAt) return <Tag>{t('admin.tokens.statusRevoked')}</Tag>;
    if (token.expiresAt && dayjs(token.expiresAt).isBefore(dayjs()))
      return <Tag color="red">{t('admin.tokens.statusExpired')}</Tag>;
    return <Tag color="green">{t('admin.tokens.statusActive')}</Tag>;
  };

  const columns: TableColumnsType<ApiToken> = [
    {
      title: t('admin.tokens.name'),
      dataIndex: 'name',
      render: (name: string, token) => (
        <Space size={4} wrap>
          <strong>{name}</strong>
          {status(token)}
        </Space>
      ),
    },
    {
      title: t('admin.tokens.prefix'),
      dataIndex: 'prefix',
      render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
    },
    {
      title: t('admin.tokens.scopes'),
      dataIndex: 'scopes',
      responsive: ['md'],
      render: (scopes: ApiToken['scopes']) =>
        scopes === null ? (
          t('admin.tokens.unscoped')
        ) : (
          <Space size={[0, 4]} wrap>
            {scopes.map((s) => (
              <Tag key={s.appId}>
                {appNames.get(s.appId) ?? s.appId} ·{' '}
                {s.access === 'read' ? t('admin.tokens.read') : t('admin.tokens.write')}
              </Tag>
            ))}
          </Space>
        ),
    },
    { title: t('admin.tokens.createdAt'), dataIndex: 'createdAt', responsive: ['lg'], render: when },
    { title: t('admin.tokens.expiresAt'), dataIndex: 'expiresAt', responsive: ['md'], render: when },
    { title: t('admin.tokens.lastUsedAt'), dataIndex: 'lastUsedAt', responsive: ['lg'], render: when },
    {
      title: t('admin.common.actions'),
      key: 'ops',
      render: (_, token) =>
        token.revokedAt ? null : (
          <Popconfirm
            title={t('admin.tokens.revokeConfirm', { name: token.name })}
            onConfirm={() => revoke(token)}
          >
            <Button type="link" size="small" danger>
              {t('admin.tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <div className="page admin-page">
      <div className="admin-toolbar">
        <Typography.Title level={3}>{t('admin.tokens.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('admin.tokens.create')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('admin.tokens.intro')}</Typography.Paragraph>
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tokens.data.tokens}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('admin.tokens.none') }}
      />
      {creating && (
        <NewTokenModal
          apps={apps.data?.apps ?? []}
          onClose={() => {
            setCreating(false);
            tokens.reload();
          }}
        />
      )}
    </div>
  );
}

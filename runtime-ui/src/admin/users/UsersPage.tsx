import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Input, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { PageState } from '../../pages/PageState';
import { useMe } from '../../session/session';
import { errorText } from '../shared/errors';
import { nameMap, useOrgLists } from '../shared/org';
import { PasswordModal } from './PasswordModal';
import { type Memberships, type UserRow, userRows } from './types';
import { UserDrawer } from './UserDrawer';

/** Every account of the workspace: search, create, edit, disable or enable, reset a password. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const users = useFetch<{ users: User[] }>('/api/users');
  const memberships = useFetch<Memberships>('/api/memberships');
  const org = useOrgLists();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);

  const rows = useMemo(
    () => (users.data && memberships.data ? userRows(users.data.users, memberships.data) : []),
    [users.data, memberships.data],
  );
  const shown = useMemo(() => {
    const text = query.trim().toLowerCase();
    if (!text) return rows;
    return rows.filter((u) => u.name.toLowerCase().includes(text) || u.email.includes(text));
  }, [rows, query]);

  if (!users.data || !memberships.data) return <PageState fetched={users.error ? users : memberships} />;
  const departmentNames = nameMap(org.departments);
  const roleNames = nameMap(org.roles);
  const reload = () => {
    users.reload();
    memberships.reload();
  };

  const setStatus = async (user: UserRow, status: 'active' | 'disabled') => {
    try {
      await api('PATCH', `/api/users/${user.id}`, { status });
      message.success(status === 'disabled' ? t('admin.users.disabledDone') : t('admin.users.enabledDone'));
      reload();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const columns: TableColumnsType<UserRow> = [
    {
      title: t('admin.users.name'),
      dataIndex: 'name',
      render: (name: string, user) => (
        <Space size={4} wrap>
          <Typography.Text strong>{name}</Typography.Text>
          {user.isAdmin && <Tag color="gold">{t('admin.users.admin')}</Tag>}
          {user.status === 'disabled' && <Tag>{t('admin.common.disabled')}</Tag>}
        </Space>
      ),
    },
    { title: t('admin.users.email'), dataIndex: 'email', responsive: ['md'] },
    {
      title: t('admin.users.departments'),
      dataIndex: 'departmentIds',
      // On a phone the name and the actions fit the screen; departments show in the edit drawer.
      responsive: ['sm'],
      render: (ids: string[]) => ids.map((id) => <Tag key={id}>{departmentNames.get(id) ?? id}</Tag>),
    },
    {
      title: t('admin.users.roles'),
      dataIndex: 'roleIds',
      responsive: ['lg'],
      render: (ids: string[]) =>
        ids.map((id) => (
          <Tag key={id} color="blue">
            {roleNames.get(id) ?? id}
          </Tag>
        )),
    },
    {
      title: t('admin.common.actions'),
      key: 'actions',
      render: (_, user) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing(user)}>
            {t('admin.common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setResetting(user)}>
            {t('admin.users.resetPassword')}
          </Button>
          {user.id !== me.user.id &&
            (user.status === 'active' ? (
              <Popconfirm
                title={t('admin.users.disableConfirm', { name: user.name })}
                onConfirm={() => setStatus(user, 'disabled')}
              >
                <Button type="link" size="small" danger>
                  {t('admin.users.disable')}
                </Button>
              </Popconfirm>
            ) : (
              <Button type="link" size="small" onClick={() => setStatus(user, 'active')}>
                {t('admin.users.enable')}
              </Button>
            ))}
        </Space>
      ),
    },
  ];

  return (
    <div className="page admin-page">
      <div className="admin-toolbar">
        <Typography.Title level={3}>{t('admin.users.title')}</Typography.Title>
        <Space wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('admin.users.search')}
            aria-label={t('admin.users.search')}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('admin.users.create')}
          </Button>
        </Space>
      </div>
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      {editing && (
        <UserDrawer
          user={editing === 'new' ? null : editing}
          departments={org.departments}
          roles={org.roles}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      {resetting && <PasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </div>
  );
}

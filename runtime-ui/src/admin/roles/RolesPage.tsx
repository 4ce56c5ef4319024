import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { PageState } from '../../pages/PageState';
import { errorText } from '../shared/errors';
import type { Memberships } from '../users/types';
import { RoleMembersDrawer } from './RoleMembersDrawer';
import { type Role, RoleModal } from './RoleModal';

/** Roles such as 销售经理: create, rename, delete, and who holds each. */
export default function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roles = useFetch<{ roles: Role[] }>('/api/roles');
  const memberships = useFetch<Memberships>('/api/memberships');
  const users = useFetch<{ users: User[] }>('/api/users');
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const [members, setMembers] = useState<Role | null>(null);

  if (!roles.data || !memberships.data || !users.data)
    return <PageState fetched={roles.error ? roles : memberships.error ? memberships : users} />;
  const countOf = (roleId: string) => memberships.data?.roles.filter((m) => m.roleId === roleId).length ?? 0;

  const remove = async (role: Role) => {
    try {
      await api('DELETE', `/api/roles/${role.id}`);
      message.success(t('admin.roles.deleted'));
      roles.reload();
      memberships.reload();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const columns: TableColumnsType<Role> = [
    { title: t('admin.roles.name'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
    { title: t('admin.roles.code'), dataIndex: 'code', responsive: ['md'] },
    { title: t('admin.roles.description'), dataIndex: 'description', responsive: ['lg'] },
    {
      title: t('admin.roles.members'),
      key: 'members',
      render: (_, role) => (
        <Button type="link" size="small" onClick={() => setMembers(role)}>
          {t('admin.roles.memberCount', { count: countOf(role.id) })}
        </Button>
      ),
    },
    {
      title: t('admin.common.actions'),
      key: 'actions',
      render: (_, role) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(role)}>
            {t('admin.common.edit')}
          </Button>
          <Popconfirm
            title={t('admin.roles.deleteConfirm', { name: role.name })}
            onConfirm={() => remove(role)}
          >
            <Button type="link" size="small" danger>
              {t('admin.common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div className="page admin-page">
      <div className="admin-toolbar">
        <Typography.Title level={3}>{t('admin.roles.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('admin.roles.create')}
        </Button>
      </div>
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={roles.data.roles}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      {editing && (
        <RoleModal
          role={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            roles.reload();
          }}
        />
      )}
      {members && (
        <RoleMembersDrawer
          role={members}
          users={users.data.users}
          memberships={memberships.data}
          onChanged={memberships.reload}
          onClose={() => setMembers(null)}
        />
      )}
    </div>
  );
}

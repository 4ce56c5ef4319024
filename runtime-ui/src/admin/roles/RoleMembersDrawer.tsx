import { App, Button, Drawer, List, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { useIsPhone } from '../../shell/useIsPhone';
import { errorText } from '../shared/errors';
import { PeoplePicker } from '../shared/PeoplePicker';
import type { Memberships } from '../users/types';
import type { Role } from './RoleModal';

/** Who holds a role; adding or removing someone replaces that user's roles with one more or one fewer. */
export function RoleMembersDrawer({
  role,
  users,
  memberships,
  onChanged,
  onClose,
}: {
  role: Role;
  users: User[];
  memberships: Memberships;
  onChanged(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [adding, setAdding] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rolesOf = (userId: string) =>
    memberships.roles.filter((m) => m.userId === userId).map((m) => m.roleId);
  const memberIds = memberships.roles.filter((m) => m.roleId === role.id).map((m) => m.userId);
  const members = users.filter((u) => memberIds.includes(u.id));

  const change = async (userId: string, roleIds: string[]) => {
    setBusy(true);
    try {
      await api('PUT', `/api/users/${userId}/roles`, { roleIds });
      onChanged();
      setAdding(null);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      title={t('admin.roles.membersOf', { name: role.name })}
      size={phone ? '100%' : 440}
      onClose={onClose}
    >
      <Space.Compact block className="admin-add-row">
        <PeoplePicker value={adding} onChange={(v) => setAdding((v as string | null) ?? null)} />
        <Button
          type="primary"
          disabled={!adding || memberIds.includes(adding)}
          loading={busy}
          onClick={() => adding && change(adding, [...rolesOf(adding), role.id])}
        >
          {t('admin.common.add')}
        </Button>
      </Space.Compact>
      <List
        dataSource={members}
        locale={{ emptyText: t('admin.roles.noMembers') }}
        renderItem={(user) => (
          <List.Item
            actions={[
              <Button
                key="remove"
                type="link"
                danger
                size="small"
                disabled={busy}
                onClick={() =>
                  change(
                    user.id,
                    rolesOf(user.id).filter((id) => id !== role.id),
                  )
                }
              >
                {t('admin.common.remove')}
              </Button>,
            ]}
          >
            <List.Item.Meta title={user.name} description={user.email} />
          </List.Item>
        )}
      />
    </Drawer>
  );
}

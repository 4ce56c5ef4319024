import type { AppRoleAssignment, AppRoles } from '@forecourt/schemas/api';
import { App as AntApp, Button, Drawer, List, Select, Space, Tag, TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { App } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { useLabel } from '../../i18n/label';
import { useIsPhone } from '../../shell/useIsPhone';
import { errorText } from '../shared/errors';
import { departmentTreeData, nameMap, useOrgLists } from '../shared/org';
import { PeoplePicker } from '../shared/PeoplePicker';
import { usePeopleNames } from '../shared/usePeopleNames';

type AppRole = AppRoleAssignment;
type SubjectType = AppRole['subjectType'];

/** An app's admins and members (users, departments or roles); saved whole, as the API replaces the list. */
export function AppRolesDrawer({ app, onClose }: { app: App; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const label = useLabel();
  const phone = useIsPhone();
  const fetched = useFetch<AppRoles>(`/api/apps/${encodeURIComponent(app.id)}/roles`);
  const org = useOrgLists();
  const [rows, setRows] = useState<AppRole[]>([]);
  const [draft, setDraft] = useState<{
    subjectType: SubjectType;
    subjectId: string | null;
    role: 'admin' | 'member';
  }>({ subjectType: 'user', subjectId: null, role: 'member' });
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (fetched.data) setRows(fetched.data.roles);
  }, [fetched.data]);
  const people = usePeopleNames(rows.filter((r) => r.subjectType === 'user').map((r) => r.subjectId));
  const departments = nameMap(org.departments);
  const roles = nameMap(org.roles);
  const typeLabels: Record<SubjectType, string> = {
    user: t('admin.assignees.user'),
    department: t('admin.assignees.department'),
    role: t('admin.assignees.role'),
  };
  const nameOf = (row: AppRole) =>
    (row.subjectType === 'user' ? people : row.subjectType === 'department' ? departments : roles).get(
      row.subjectId,
    ) ?? row.subjectId;

  const add = () => {
    const { subjectId } = draft;
    if (!subjectId) return;
    setRows((list) => [
      ...list.filter((r) => !(r.subjectType === draft.subjectType && r.subjectId === subjectId)),
      { subjectType: draft.subjectType, subjectId, role: draft.role },
    ]);
    setDraft({ ...draft, subjectId: null });
  };

  const save = async () => {
    setSaving(true);
    try {
      await api('PUT', `/api/apps/${encodeURIComponent(app.id)}/roles`, { roles: rows });
      message.success(t('admin.common.saved'));
      onClose();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      title={t('admin.apps.rolesOf', { name: label(app.name) })}
      size={phone ? '100%' : 520}
      onClose={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} disabled={!fetched.data} onClick={save}>
            {t('admin.common.save')}
          </Button>
        </Space>
      }
    >
      <Space wrap className="admin-add-row">
        <Select
          value={draft.subjectType}
          aria-label={t('admin.apps.subjectType')}
          onChange={(subjectType) => setDraft({ ...draft, subjectType, subjectId: null })}
          options={(['user', 'department', 'role'] as const).map((v) => ({ value: v, label: typeLabels[v] }))}
        />
        {draft.subjectType === 'user' && (
          <PeoplePicker
            className="admin-picker"
            value={draft.subjectId}
            onChange={(v) => setDraft({ ...draft, subjectId: (v as string | null) ?? null })}
          />
        )}
        {draft.subjectType === 'department' && (
          <TreeSelect
            className="admin-picker"
            treeDefaultExpandAll
            value={draft.subjectId}
            treeData={departmentTreeData(org.departments)}
            onChange={(v) => setDraft({ ...draft, subjectId: v ?? null })}
            placeholder={t('admin.assignees.pickDepartment')}
          />
        )}
        {draft.subjectType === 'role' && (
          <Select
            className="admin-picker"
            value={draft.subjectId}
            options={org.roles.map((r) => ({ value: r.id, label: r.name }))}
            onChange={(v) => setDraft({ ...draft, subjectId: v ?? null })}
            placeholder={t('admin.assignees.pickRole')}
          />
        )}
        <Select
          value={draft.role}
          aria-label={t('admin.apps.appRole')}
          onChange={(role) => setDraft({ ...draft, role })}
          options={[
            { value: 'admin', label: t('admin.apps.appAdmin') },
            { value: 'member', label: t('admin.apps.appMember') },
          ]}
        />
        <Button onClick={add} disabled={!draft.subjectId}>
          {t('admin.common.add')}
        </Button>
      </Space>
      <List
        dataSource={rows}
        loading={fetched.loading}
        locale={{ emptyText: t('admin.apps.noRoles') }}
        renderItem={(row) => (
          <List.Item
            actions={[
              <Button
                key="remove"
                type="link"
                danger
                size="small"
                onClick={() => setRows((list) => list.filter((r) => r !== row))}
              >
                {t('admin.common.remove')}
              </Button>,
            ]}
          >
            <Space>
              <Tag>{typeLabels[row.subjectType]}</Tag>
              {nameOf(row)}
              <Tag color={row.role === 'admin' ? 'gold' : 'blue'}>
                {row.role === 'admin' ? t('admin.apps.appAdmin') : t('admin.apps.appMember')}
              </Tag>
            </Space>
          </List.Item>
        )}
      />
    </Drawer>
  );
}

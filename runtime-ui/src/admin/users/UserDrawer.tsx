import { App, Button, Drawer, Form, Input, Select, Space, Switch, TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../../api/client';
import type { DirectoryDepartment } from '../../api/types';
import { useIsPhone } from '../../shell/useIsPhone';
import { serverErrorsOnForm } from '../shared/errors';
import { departmentTreeData, type NamedRole, nameMap } from '../shared/org';
import type { UserRow } from './types';

interface Values {
  name: string;
  email: string;
  password?: string;
  isAdmin: boolean;
  departmentIds: string[];
  primaryDepartmentId?: string;
  roleIds: string[];
}

const FIELDS = ['name', 'email', 'password', 'isAdmin', 'departments', 'roleIds'];

/** Creates a user, or edits one: account, departments (one primary) and roles, each saved by its own route. */
export function UserDrawer({
  user,
  departments,
  roles,
  onClose,
  onSaved,
}: {
  user: UserRow | null;
  departments: DirectoryDepartment[];
  roles: NamedRole[];
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const chosen = Form.useWatch('departmentIds', form) ?? [];
  const names = nameMap(departments);

  const initial: Values = user
    ? {
        name: user.name,
        email: user.email,
        isAdmin: user.isAdmin,
        departmentIds: user.departmentIds,
        primaryDepartmentId: user.departmentIds[0],
        roleIds: user.roleIds,
      }
    : { name: '', email: '', isAdmin: false, departmentIds: [], roleIds: [] };

  const save = async (values: Values) => {
    const primary = values.departmentIds.includes(values.primaryDepartmentId ?? '')
      ? values.primaryDepartmentId
      : values.departmentIds[0];
    const memberships = values.departmentIds.map((departmentId) => ({
      departmentId,
      isPrimary: departmentId === primary,
    }));
    setSaving(true);
    try {
      if (!user) {
        await post('/api/users', {
          name: values.name,
          email: values.email,
          password: values.password,
          isAdmin: values.isAdmin,
          departments: memberships,
          roleIds: values.roleIds,
        });
        message.success(t('admin.users.created'));
      } else {
        const changes: Record<string, unknown> = {};
        if (values.name !== user.name) changes.name = values.name;
        if (values.email !== user.email) changes.email = values.email;
        if (values.isAdmin !== user.isAdmin) changes.isAdmin = values.isAdmin;
        if (Object.keys(changes).length) await api('PATCH', `/api/users/${user.id}`, changes);
        if (primary !== user.departmentIds[0] || !sameSet(values.departmentIds, user.departmentIds))
          await api('PUT', `/api/users/${user.id}/departments`, { departments: memberships });
        if (!sameSet(values.roleIds, user.roleIds))
          await api('PUT', `/api/users/${user.id}/roles`, { roleIds: values.roleIds });
        message.success(t('admin.common.saved'));
      }
      onSaved();
    } catch (error) {
      const rest = serverErrorsOnForm(form, error, FIELDS);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      title={user ? t('admin.users.editTitle', { name: user.name }) : t('admin.users.create')}
      size={phone ? '100%' : 480}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('admin.common.save')}
          </Button>
        </Space>
      }
    >
      <Form name="user" form={form} layout="vertical" initialValues={initial} onFinish={save} requiredMark>
        <Form.Item name="name" label={t('admin.users.name')} rules={[{ required: true, whitespace: true }]}>
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item name="email" label={t('admin.users.email')} rules={[{ required: true, type: 'email' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label={t('admin.users.initialPassword')}
            extra={t('admin.users.passwordHint')}
            rules={[{ required: true, min: 10 }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="departmentIds" label={t('admin.users.departments')}>
          <TreeSelect
            multiple
            treeDefaultExpandAll
            treeData={departmentTreeData(departments)}
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('admin.users.pickDepartments')}
          />
        </Form.Item>
        {chosen.length > 1 && (
          <Form.Item name="primaryDepartmentId" label={t('admin.users.primaryDepartment')}>
            <Select options={chosen.map((id) => ({ value: id, label: names.get(id) ?? id }))} />
          </Form.Item>
        )}
        <Form.Item name="roleIds" label={t('admin.users.roles')}>
          <Select
            mode="multiple"
            options={roles.map((r) => ({ value: r.id, label: r.name }))}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('admin.users.pickRoles')}
          />
        </Form.Item>
        <Form.Item name="isAdmin" label={t('admin.users.isAdmin')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { definitionOf, type FormView } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { useLabel } from '../../i18n/label';
import { PageState } from '../../pages/PageState';
import { errorText } from '../shared/errors';
import { FormHeader } from '../shared/FormHeader';
import { nameMap, useOrgLists } from '../shared/org';
import { usePeopleNames } from '../shared/usePeopleNames';
import { useRuleLabels } from './labels';
import { PermissionSetDrawer } from './PermissionSetDrawer';
import type { PermissionSet } from './rules';

/** A form's permission sets: who may do which actions on which records, seeing which fields. */
export default function PermissionSetsPage() {
  const { formId = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = useLabel();
  const words = useRuleLabels();
  const form = useFetch<FormView>(`/api/forms/${encodeURIComponent(formId)}`);
  const sets = useFetch<{ permissionSets: PermissionSet[] }>(
    `/api/forms/${encodeURIComponent(formId)}/permission-sets`,
  );
  const org = useOrgLists();
  const people = usePeopleNames(sets.data?.permissionSets.flatMap((s) => s.assignees.users) ?? []);
  const [editing, setEditing] = useState<PermissionSet | 'new' | null>(null);

  if (!form.data || !sets.data) return <PageState fetched={form.error ? form : sets} />;
  const definition = definitionOf(form.data);
  const fieldNames = new Map(definition.fields.map((f) => [f.id, label(f.label as never)]));
  const departments = nameMap(org.departments);
  const roles = nameMap(org.roles);

  const remove = async (set: PermissionSet) => {
    try {
      await api('DELETE', `/api/permission-sets/${set.id}`);
      message.success(t('admin.permissions.deleted'));
      sets.reload();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const fieldsText = (ids: string[] | null) =>
    ids === null
      ? t('admin.permissions.allFields')
      : ids.map((id) => fieldNames.get(id) ?? id).join('、') || '—';

  const columns: TableColumnsType<PermissionSet> = [
    {
      title: t('admin.permissions.name'),
      dataIndex: 'name',
      render: (name: string, set) => (
        <Space orientation="vertical" size={0}>
          <strong>{name}</strong>
          <Typography.Text type="secondary">
            {words.presets[set.preset ?? 'custom'] ?? set.preset}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('admin.permissions.actions'),
      dataIndex: 'actions',
      render: (actions: PermissionSet['actions']) => (
        <Space size={[0, 4]} wrap>
          {actions.map((a) => (
            <Tag key={a}>{words.actions[a] ?? a}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('admin.permissions.scope'),
      dataIndex: 'scope',
      render: (scope: PermissionSet['scope']) => words.scopes[scope.kind] ?? scope.kind,
    },
    {
      title: t('admin.permissions.fields'),
      key: 'fields',
      responsive: ['lg'],
      render: (_, set) => (
        <div className="admin-fields-cell">
          <div>
            {t('admin.permissions.readable')}: {fieldsText(set.readFields)}
          </div>
          <div>
            {t('admin.permissions.writable')}: {fieldsText(set.writeFields)}
          </div>
        </div>
      ),
    },
    {
      title: t('admin.permissions.assignees'),
      key: 'assignees',
      render: (_, set) => (
        <Space size={[0, 4]} wrap>
          {set.assignees.users.map((id) => (
            <Tag key={id}>{people.get(id) ?? id}</Tag>
          ))}
          {set.assignees.departments.map((id) => (
            <Tag key={id} color="green">
              {departments.get(id) ?? id}
            </Tag>
          ))}
          {set.assignees.roles.map((id) => (
            <Tag key={id} color="blue">
              {roles.get(id) ?? id}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('admin.common.actions'),
      key: 'ops',
      render: (_, set) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(set)}>
            {t('admin.common.edit')}
          </Button>
          <Popconfirm
            title={t('admin.permissions.deleteConfirm', { name: set.name })}
            onConfirm={() => remove(set)}
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
      <FormHeader view={form.data} title={t('admin.permissions.title')}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('admin.permissions.create')}
        </Button>
      </FormHeader>
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={sets.data.permissionSets}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('admin.permissions.none') }}
      />
      {editing && (
        <PermissionSetDrawer
          formId={formId}
          fields={definition.fields}
          set={editing === 'new' ? null : editing}
          departments={org.departments}
          roles={org.roles}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            sets.reload();
          }}
        />
      )}
    </div>
  );
}

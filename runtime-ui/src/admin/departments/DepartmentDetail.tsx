import { DeleteOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText, serverErrorsOnForm } from '../shared/errors';
import { departmentTreeData } from '../shared/org';
import { PeoplePicker } from '../shared/PeoplePicker';
import { usePeopleNames } from '../shared/usePeopleNames';
import { type DepartmentKind, type DepartmentNode, KINDS } from './types';

interface Values {
  name: string;
  kind: DepartmentKind;
  code: string;
  headUserId: string | null;
  parentId: string | null;
}

const FIELDS = ['name', 'kind', 'code', 'headUserId', 'parentId'];

/** One department's settings; a delete the server refuses (members or sub-departments left) stays on screen. */
export function DepartmentDetail({
  department,
  all,
  memberIds,
  onChanged,
  onDeleted,
}: {
  department: DepartmentNode;
  all: DepartmentNode[];
  /** Who belongs to it directly (not below): a department with members cannot be deleted. */
  memberIds: string[];
  onChanged(): void;
  onDeleted(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const names = usePeopleNames(memberIds);
  const kindLabels: Record<DepartmentKind, string> = {
    group: t('admin.departments.kindGroup'),
    store: t('admin.departments.kindStore'),
    department: t('admin.departments.kindDepartment'),
  };
  const initial: Values = {
    name: department.name,
    kind: department.kind,
    code: department.code ?? '',
    headUserId: department.headUserId,
    parentId: department.parentId,
  };

  const save = async (values: Values) => {
    const changes: Record<string, unknown> = {};
    if (values.name !== initial.name) changes.name = values.name;
    if (values.kind !== initial.kind) changes.kind = values.kind;
    if ((values.code || null) !== department.code) changes.code = values.code || null;
    if ((values.headUserId ?? null) !== initial.headUserId) changes.headUserId = values.headUserId ?? null;
    if (values.parentId !== initial.parentId) changes.parentId = values.parentId;
    if (!Object.keys(changes).length) return;
    setSaving(true);
    try {
      await api('PATCH', `/api/departments/${department.id}`, changes);
      message.success(t('admin.common.saved'));
      onChanged();
    } catch (error) {
      const rest = serverErrorsOnForm(form, error, FIELDS);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    setRefusal(null);
    try {
      await api('DELETE', `/api/departments/${department.id}`);
      message.success(t('admin.departments.deleted'));
      onDeleted();
    } catch (error) {
      setRefusal(errorText(error));
    }
  };

  return (
    <Card
      size="small"
      className="admin-detail-card"
      title={department.name}
      extra={
        <Popconfirm
          title={t('admin.departments.deleteConfirm', { name: department.name })}
          onConfirm={remove}
        >
          <Button danger size="small" icon={<DeleteOutlined />}>
            {t('admin.common.delete')}
          </Button>
        </Popconfirm>
      }
    >
      {refusal && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setRefusal(null) }}
          className="admin-alert"
          title={t('admin.departments.deleteRefused')}
          description={refusal}
        />
      )}
      <Form name="department" form={form} layout="vertical" initialValues={initial} onFinish={save}>
        <Form.Item
          name="name"
          label={t('admin.departments.name')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap align="start" className="admin-form-row">
          <Form.Item name="kind" label={t('admin.departments.kind')}>
            <Select
              className="admin-select-narrow"
              options={KINDS.map((k) => ({ value: k, label: kindLabels[k] }))}
            />
          </Form.Item>
          <Form.Item name="code" label={t('admin.departments.code')}>
            <Input maxLength={40} className="admin-select-narrow" />
          </Form.Item>
        </Space>
        <Form.Item name="headUserId" label={t('admin.departments.head')}>
          <PeoplePicker placeholder={t('admin.departments.noHead')} />
        </Form.Item>
        {department.parentId !== null && (
          <Form.Item name="parentId" label={t('admin.departments.parent')} rules={[{ required: true }]}>
            <TreeSelect
              treeDefaultExpandAll
              treeData={departmentTreeData(all, department.id)}
              showSearch={{ treeNodeFilterProp: 'title' }}
            />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('admin.common.save')}
        </Button>
      </Form>
      <div className="admin-members">
        <Typography.Text type="secondary">
          {t('admin.departments.members', { count: memberIds.length })}
        </Typography.Text>
        <div>
          {memberIds.map((id) => (
            <Tag key={id}>{names.get(id) ?? id}</Tag>
          ))}
        </div>
      </div>
    </Card>
  );
}

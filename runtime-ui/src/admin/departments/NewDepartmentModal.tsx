import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { serverErrorsOnForm } from '../shared/errors';
import { PeoplePicker } from '../shared/PeoplePicker';
import type { DepartmentKind, DepartmentNode } from './types';

interface Values {
  name: string;
  kind: DepartmentKind;
  code?: string;
  headUserId?: string | null;
}

/** A new department under the chosen one; under the group it is a store by default. */
export function NewDepartmentModal({
  parent,
  onClose,
  onCreated,
}: {
  parent: DepartmentNode;
  onClose(): void;
  onCreated(id: string): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const save = async (values: Values) => {
    setSaving(true);
    try {
      const created = await post<{ id: string }>('/api/departments', {
        parentId: parent.id,
        name: values.name,
        kind: values.kind,
        ...(values.code ? { code: values.code } : {}),
        ...(values.headUserId ? { headUserId: values.headUserId } : {}),
      });
      message.success(t('admin.departments.created'));
      onCreated(created.id);
    } catch (error) {
      const rest = serverErrorsOnForm(form, error, ['name', 'kind', 'code', 'headUserId']);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('admin.departments.addUnder', { name: parent.name })}
      okText={t('admin.common.create')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        name="newDepartment"
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ kind: parent.kind === 'group' ? 'store' : 'department' }}
      >
        <Form.Item
          name="name"
          label={t('admin.departments.name')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.departments.kind')}>
          <Select
            options={[
              { value: 'store', label: t('admin.departments.kindStore') },
              { value: 'department', label: t('admin.departments.kindDepartment') },
            ]}
          />
        </Form.Item>
        <Form.Item name="code" label={t('admin.departments.code')} extra={t('admin.departments.codeHint')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="headUserId" label={t('admin.departments.head')}>
          <PeoplePicker placeholder={t('admin.departments.noHead')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import type { Role } from '@forecourt/schemas/api';
import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../../api/client';
import { serverErrorsOnForm } from '../shared/errors';

export type { Role };

type Values = Omit<Role, 'id'>;

/** Creates or changes a role; the code is what workflows and imports refer to (SalesManager). */
export function RoleModal({
  role,
  onClose,
  onSaved,
}: {
  role: Role | null;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const save = async (values: Values) => {
    setSaving(true);
    try {
      if (role) await api('PATCH', `/api/roles/${role.id}`, values);
      else await post('/api/roles', values);
      message.success(role ? t('admin.common.saved') : t('admin.roles.created'));
      onSaved();
    } catch (error) {
      const rest = serverErrorsOnForm(form, error, ['code', 'name', 'description']);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={role ? t('admin.roles.editTitle', { name: role.name }) : t('admin.roles.create')}
      okText={t('admin.common.save')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        name="role"
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={role ?? { code: '', name: '', description: '' }}
      >
        <Form.Item name="name" label={t('admin.roles.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('admin.roles.code')}
          extra={t('admin.roles.codeHint')}
          rules={[{ required: true, pattern: /^[A-Za-z][A-Za-z0-9_]*$/, message: t('admin.roles.codeHint') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="description" label={t('admin.roles.description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

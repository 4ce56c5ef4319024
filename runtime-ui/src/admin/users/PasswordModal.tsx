import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { serverErrorsOnForm } from '../shared/errors';
import type { UserRow } from './types';

/** Sets a new password: the server clears login throttling and ends the user's sessions. */
export function PasswordModal({ user, onClose }: { user: UserRow; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [saving, setSaving] = useState(false);
  const save = async ({ password }: { password: string }) => {
    setSaving(true);
    try {
      await api('PUT', `/api/users/${user.id}/password`, { password });
      message.success(t('admin.users.passwordReset'));
      onClose();
    } catch (error) {
      const rest = serverErrorsOnForm(form, error, ['password']);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('admin.users.resetPasswordOf', { name: user.name })}
      okText={t('admin.common.save')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form name="passwordReset" form={form} layout="vertical" onFinish={save}>
        <Form.Item
          name="password"
          label={t('admin.users.newPassword')}
          extra={t('admin.users.resetHint')}
          rules={[{ required: true, min: 10 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

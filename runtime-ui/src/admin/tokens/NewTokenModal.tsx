import type { NewApiTokenAnswer } from '@forecourt/schemas/api';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import type { App as AppInfo } from '../../api/types';
import { useLabel } from '../../i18n/label';
import { serverErrorsOnForm } from '../shared/errors';

interface Values {
  name: string;
  expiresAt: Dayjs | null;
  readApps: string[];
  writeApps: string[];
}

/**
 * Makes a token and then shows its secret, this once: the server keeps only a hash. Apps chosen limit
 * it to their records (read or write); none chosen, it acts as its user.
 */
export function NewTokenModal({ apps, onClose }: { apps: AppInfo[]; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const appOptions = apps.map((a) => ({ value: a.id, label: label(a.name) }));

  const save = async (values: Values) => {
    const scopes = [
      ...values.writeApps.map((appId) => ({ appId, access: 'write' as const })),
      ...values.readApps
        .filter((appId) => !values.writeApps.includes(appId))
        .map((appId) => ({ appId, access: 'read' as const })),
    ];
    setSaving(true);
    try {
      const answer = await post<NewApiTokenAnswer>('/api/tokens', {
        name: values.name,
        ...(values.expiresAt ? { expiresAt: values.expiresAt.toISOString() } : {}),
        ...(scopes.length ? { scopes } : {}),
      });
      setSecret(answer.token);
    } catch (error) {
      const rest = serverErrorsOnForm(form, error, ['name', 'expiresAt', 'scopes']);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };

  if (secret)
    return (
      <Modal
        open
        title={t('admin.tokens.secretTitle')}
        onCancel={onClose}
        closable={false}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={onClose}>
            {t('admin.tokens.secretDone')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('admin.tokens.secretOnce')} className="admin-alert" />
        <Typography.Paragraph copyable={{ text: secret }} code className="admin-secret">
          {secret}
        </Typography.Paragraph>
      </Modal>
    );

  return (
    <Modal
      open
      title={t('admin.tokens.create')}
      okText={t('admin.common.create')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        name="newToken"
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ readApps: [], writeApps: [] }}
      >
        <Form.Item name="name" label={t('admin.tokens.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} placeholder={t('admin.tokens.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('admin.tokens.expiresAt')} extra={t('admin.tokens.expiresHint')}>
          <DatePicker disabledDate={(day) => !day.isAfter(dayjs(), 'day')} className="admin-full" />
        </Form.Item>
        <Form.Item name="readApps" label={t('admin.tokens.readApps')} extra={t('admin.tokens.scopesHint')}>
          <Select mode="multiple" options={appOptions} />
        </Form.Item>
        <Form.Item name="writeApps" label={t('admin.tokens.writeApps')}>
          <Select mode="multiple" options={appOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

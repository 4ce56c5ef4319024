import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../../api/client';
import type { FieldDef } from '../../api/types';
import { useLabel } from '../../i18n/label';
import { useIsPhone } from '../../shell/useIsPhone';
import { serverErrorsOnForm } from '../shared/errors';
import { fillableFields } from './fill-fields';
import type { PublicLink } from './types';

interface Values {
  kind: 'fill' | 'query';
  name: string;
  /** Empty: keep the password as it is (or none for a new link). */
  password?: string;
  removePassword: boolean;
  expiresAt: Dayjs | null;
  enabled: boolean;
  channel?: string;
  rateLimit: number;
  queryFields: string[];
  resultFields: string[];
  fillFields: string[];
}

const FIELDS = [
  'kind',
  'name',
  'password',
  'expiresAt',
  'enabled',
  'channel',
  'rateLimit',
  'queryFields',
  'resultFields',
  'fillFields',
];

/**
 * Makes or changes a public link; the server checks the fields a query link may use and the fields a
 * fill link shows and accepts (422 on the field). A new fill link starts with every field it may show ticked.
 */
export function PublicLinkDrawer({
  formId,
  fields,
  link,
  onClose,
  onSaved,
}: {
  formId: string;
  fields: FieldDef[];
  link: PublicLink | null;
  onClose(): void;
  onSaved(link: PublicLink, created: boolean): void;
}) {
  const { t } = useTranslation();
  /** The field-list refusals of the server (public_link.*), in the admin's words. */
  const linkErrors: Record<string, (field: string) => string> = {
    'public_link.field_duplicate': (field) => t('admin.links.errors.field_duplicate', { field }),
    'public_link.field_not_public': (field) => t('admin.links.errors.field_not_public', { field }),
    'public_link.field_unknown': (field) => t('admin.links.errors.field_unknown', { field }),
    'public_link.fields_empty': () => t('admin.links.errors.fields_empty'),
    'public_link.fill_fields_on_query': () => t('admin.links.errors.fill_fields_on_query'),
  };
  const { message } = App.useApp();
  const label = useLabel();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form) ?? link?.kind ?? 'fill';
  const removePassword = Form.useWatch('removePassword', form);
  const fieldOptions = fields.map((f) => ({ value: f.id, label: label(f.label as never) || f.id }));
  const fillOptions = fillableFields(fields).map((f) => ({
    value: f.id,
    label: label(f.label as never) || f.id,
  }));

  const initial: Values = {
    kind: link?.kind ?? 'fill',
    name: link?.name ?? '',
    removePassword: false,
    expiresAt: link?.expiresAt ? dayjs(link.expiresAt) : null,
    enabled: link?.enabled ?? true,
    channel: link?.channel ?? '',
    rateLimit: link?.rateLimit ?? 30,
    queryFields: link?.queryFields ?? [],
    resultFields: link?.resultFields ?? [],
    fillFields: link ? link.fillFields : fillOptions.map((o) => o.value),
  };

  const save = async (values: Values) => {
    const settings: Record<string, unknown> = {
      name: values.name,
      expiresAt: values.expiresAt ? values.expiresAt.toISOString() : null,
      enabled: values.enabled,
      channel: values.channel?.trim() || null,
      rateLimit: values.rateLimit,
      ...(values.kind === 'query'
        ? { queryFields: values.queryFields, resultFields: values.resultFields }
        : { fillFields: values.fillFields }),
    };
    if (values.removePassword) settings.password = null;
    else if (values.password) settings.password = values.password;
    // An unchanged expiry that has passed would be refused ("must lie ahead"): leave it out of a change.
    const sameExpiry = link?.expiresAt
      ? !!values.expiresAt && dayjs(link.expiresAt).isSame(values.expiresAt)
      : !values.expiresAt;
    if (link && sameExpiry) delete settings.expiresAt;
    setSaving(true);
    try {
      const saved = link
        ? await api<PublicLink>('PATCH', `/api/public-links/${link.id}`, settings)
        : await post<PublicLink>(`/api/forms/${encodeURIComponent(formId)}/public-links`, {
            kind: values.kind,
            ...settings,
          });
      if (link) message.success(t('admin.common.saved'));
      onSaved(saved, !link);
    } catch (error) {
      const rest = serverErrorsOnForm(form, error, FIELDS, (detail) => {
        const words = detail.code ? linkErrors[detail.code] : undefined;
        if (!words) return undefined; // a code this page does not know keeps the server's words
        const id = String(detail.params?.field ?? '');
        return words(label(fields.find((f) => f.id === id)?.label as never) || id);
      });
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      title={link ? t('admin.links.editTitle', { name: link.name }) : t('admin.links.create')}
      size={phone ? '100%' : 520}
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
      <Form name="publicLink" form={form} layout="vertical" initialValues={initial} onFinish={save}>
        <Form.Item name="kind" label={t('admin.links.kind')} extra={t('admin.links.kindHint')}>
          <Radio.Group
            disabled={!!link}
            optionType="button"
            options={[
              { value: 'fill', label: t('admin.links.fill') },
              { value: 'query', label: t('admin.links.query') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('admin.links.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} placeholder={t('admin.links.namePlaceholder')} />
        </Form.Item>
        {kind === 'query' && (
          <>
            <Form.Item
              name="queryFields"
              label={t('admin.links.queryFields')}
              extra={t('admin.links.queryFieldsHint')}
              rules={[{ required: true, type: 'array', min: 1 }]}
            >
              <Select mode="multiple" options={fieldOptions} />
            </Form.Item>
            <Form.Item
              name="resultFields"
              label={t('admin.links.resultFields')}
              rules={[{ required: true, type: 'array', min: 1 }]}
            >
              <Select mode="multiple" options={fieldOptions} />
            </Form.Item>
          </>
        )}
        {kind === 'fill' && (
          <Form.Item
            name="fillFields"
            label={t('admin.links.fillFields')}
            extra={t('admin.links.fillFieldsHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('admin.links.fillFieldsRequired') }]}
          >
            <Checkbox.Group options={fillOptions} className="admin-link-fields" />
          </Form.Item>
        )}
        {link?.hasPassword && (
          <Form.Item name="removePassword" label={t('admin.links.removePassword')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        {!removePassword && (
          <Form.Item
            name="password"
            label={link?.hasPassword ? t('admin.links.newPassword') : t('admin.links.password')}
            extra={link?.hasPassword ? t('admin.links.keepPassword') : t('admin.links.passwordHint')}
          >
            <Input.Password autoComplete="new-password" maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="expiresAt" label={t('admin.links.expiresAt')} extra={t('admin.links.expiresHint')}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(day) => day.isBefore(dayjs(), 'day')}
            className="admin-full"
          />
        </Form.Item>
        <Space wrap align="start" className="admin-form-row">
          <Form.Item name="channel" label={t('admin.links.channel')} extra={t('admin.links.channelHint')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="rateLimit" label={t('admin.links.rateLimit')}>
            <InputNumber min={1} max={600} suffix={t('admin.links.perMinute')} />
          </Form.Item>
        </Space>
        <Form.Item name="enabled" label={t('admin.links.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

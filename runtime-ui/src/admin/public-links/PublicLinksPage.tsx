import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { definitionOf, type FormView } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { PageState } from '../../pages/PageState';
import { errorText } from '../shared/errors';
import { FormHeader } from '../shared/FormHeader';
import { PublicLinkDrawer } from './PublicLinkDrawer';
import { type PublicLink, publicUrl } from './types';

/** A form's public links: fill links anyone may submit through, query links that look records up. */
export default function PublicLinksPage() {
  const { formId = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const form = useFetch<FormView>(`/api/forms/${encodeURIComponent(formId)}`);
  const links = useFetch<{ links: PublicLink[] }>(`/api/forms/${encodeURIComponent(formId)}/public-links`);
  const [editing, setEditing] = useState<PublicLink | 'new' | null>(null);

  if (!form.data || !links.data) return <PageState fetched={form.error ? form : links} />;

  const toggle = async (link: PublicLink, enabled: boolean) => {
    try {
      await api('PATCH', `/api/public-links/${link.id}`, { enabled });
      message.success(enabled ? t('admin.links.enabledDone') : t('admin.links.disabledDone'));
      links.reload();
    } catch (error) {
      message.error(errorText(error));
    }
  };
  const remove = async (link: PublicLink) => {
    try {
      await api('DELETE', `/api/public-links/${link.id}`);
      message.success(t('admin.links.deleted'));
      links.reload();
    } catch (error) {
      message.error(errorText(error));
    }
  };
  const expired = (link: PublicLink) => link.expiresAt !== null && dayjs(link.expiresAt).isBefore(dayjs());

  const columns: TableColumnsType<PublicLink> = [
    {
      title: t('admin.links.name'),
      dataIndex: 'name',
      render: (name: string, link) => (
        <Space size={4} wrap>
          <strong>{name}</strong>
          <Tag color={link.kind === 'fill' ? 'blue' : 'purple'}>
            {link.kind === 'fill' ? t('admin.links.fill') : t('admin.links.query')}
          </Tag>
          {link.hasPassword && <Tag>{t('admin.links.hasPassword')}</Tag>}
          {expired(link) && <Tag color="red">{t('admin.links.expired')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('admin.links.url'),
      key: 'url',
      render: (_, link) => (
        <Typography.Text copyable={{ text: publicUrl(link) }} className="admin-url" ellipsis>
          {publicUrl(link)}
        </Typography.Text>
      ),
    },
    {
      title: t('admin.links.expiresAt'),
      dataIndex: 'expiresAt',
      responsive: ['md'],
      render: (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : t('admin.links.never')),
    },
    {
      title: t('admin.links.enabled'),
      dataIndex: 'enabled',
      render: (enabled: boolean, link) => (
        <Switch
          size="small"
          checked={enabled}
          aria-label={t('admin.links.enabled')}
          onChange={(next) => toggle(link, next)}
        />
      ),
    },
    {
      title: t('admin.common.actions'),
      key: 'ops',
      render: (_, link) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(link)}>
            {t('admin.common.edit')}
          </Button>
          <Popconfirm
            title={t('admin.links.deleteConfirm', { name: link.name })}
            onConfirm={() => remove(link)}
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
      <FormHeader view={form.data} title={t('admin.links.title')}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('admin.links.create')}
        </Button>
      </FormHeader>
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={links.data.links}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('admin.links.none') }}
      />
      {editing && (
        <PublicLinkDrawer
          formId={formId}
          fields={definitionOf(form.data).fields}
          link={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            links.reload();
            if (created)
              modal.success({
                title: t('admin.links.createdTitle'),
                content: (
                  <Typography.Paragraph copyable={{ text: publicUrl(saved) }} className="admin-created-url">
                    {publicUrl(saved)}
                  </Typography.Paragraph>
                ),
              });
          }}
        />
      )}
    </div>
  );
}

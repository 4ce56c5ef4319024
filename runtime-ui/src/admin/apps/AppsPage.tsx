import { KeyOutlined, LinkOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { App, Form } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { useLabel } from '../../i18n/label';
import { PageState } from '../../pages/PageState';
import { AppRolesDrawer } from './AppRolesDrawer';

/** Every app with its forms: who administers the app, and each form's permission sets and public links. */
export default function AppsPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const apps = useFetch<{ apps: App[] }>('/api/apps');
  const [rolesOf, setRolesOf] = useState<App | null>(null);
  if (!apps.data) return <PageState fetched={apps} />;
  return (
    <div className="page admin-page">
      <div className="admin-toolbar">
        <Typography.Title level={3}>{t('admin.apps.title')}</Typography.Title>
      </div>
      {apps.data.apps.length === 0 && <Empty description={t('admin.apps.none')} />}
      <Space orientation="vertical" size={16} className="admin-full">
        {apps.data.apps.map((app) => (
          <Card
            key={app.id}
            size="small"
            title={label(app.name)}
            extra={
              <Button size="small" icon={<TeamOutlined />} onClick={() => setRolesOf(app)}>
                {t('admin.apps.roles')}
              </Button>
            }
          >
            <AppForms appId={app.id} />
          </Card>
        ))}
      </Space>
      {rolesOf && <AppRolesDrawer app={rolesOf} onClose={() => setRolesOf(null)} />}
    </div>
  );
}

function AppForms({ appId }: { appId: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const fetched = useFetch<{ forms: Form[] }>(`/api/apps/${encodeURIComponent(appId)}`);
  if (!fetched.data) return null;
  return (
    <List
      size="small"
      dataSource={fetched.data.forms}
      locale={{ emptyText: t('admin.apps.noForms') }}
      renderItem={(form) => (
        <List.Item
          actions={[
            <Link key="p" to={`/admin/forms/${form.id}/permissions`}>
              <KeyOutlined /> {t('admin.apps.permissions')}
            </Link>,
            <Link key="l" to={`/admin/forms/${form.id}/public-links`}>
              <LinkOutlined /> {t('admin.apps.publicLinks')}
            </Link>,
          ]}
        >
          <span>
            {label(form.draft.title)}{' '}
            {form.publishedVersion === null && <Tag>{t('admin.apps.unpublished')}</Tag>}
          </span>
        </List.Item>
      )}
    />
  );
}

import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { definitionOf, type FormView } from '../../api/types';
import { useLabel } from '../../i18n/label';
import { useMe } from '../../session/session';

/** The heading of a form's settings page: back, the form's title, what the page is, its actions. */
export function FormHeader({
  view,
  title,
  children,
}: {
  view: FormView;
  title: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const label = useLabel();
  const me = useMe();
  // Workspace admins came from the console's app list; an app admin from the app itself.
  const back = me.user.isAdmin ? '/admin/apps' : `/apps/${view.form.appId}`;
  return (
    <div className="admin-toolbar">
      <Space align="center" wrap>
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          aria-label={t('admin.common.back')}
          onClick={() => navigate(back)}
        />
        <Typography.Title level={3}>
          {label(definitionOf(view).title)} · {title}
        </Typography.Title>
      </Space>
      {children}
    </div>
  );
}

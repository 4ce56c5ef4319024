import { AppstoreOutlined, HomeOutlined, InboxOutlined, SettingOutlined } from '@ant-design/icons';
import { Badge, Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useLabel } from '../i18n/label';
import { useMe } from '../session/session';
import { useWorkspace } from './workspace';

/** Home, the inbox and one entry per app the user may open. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { apps, counts } = useWorkspace();
  const me = useMe();
  const section = ['/inbox', '/admin'].find((prefix) => pathname.startsWith(prefix));
  const selected = pathname === '/' ? '/' : (section ?? pathname);
  return (
    <Menu
      className="nav-menu"
      mode="inline"
      selectedKeys={[selected]}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
      items={[
        { key: '/', icon: <HomeOutlined />, label: t('nav.home') },
        {
          key: '/inbox',
          icon: <InboxOutlined />,
          label: (
            <span className="nav-inbox">
              {t('nav.inbox')}
              <Badge count={counts?.todo ?? 0} size="small" />
            </span>
          ),
        },
        {
          type: 'group',
          key: 'apps',
          label: t('nav.apps'),
          children: (apps ?? []).map((app) => ({
            key: `/apps/${app.id}`,
            icon: <AppstoreOutlined />,
            label: label(app.name),
          })),
        },
        // The console is for workspace admins; app admins reach their forms' settings from the form.
        ...(me.user.isAdmin
          ? [{ key: '/admin', icon: <SettingOutlined />, label: t('admin.nav.console') }]
          : []),
      ]}
    />
  );
}

import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  KeyOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App as AntApp, Menu, Spin } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../session/session';
import './admin.css';

const SECTIONS = ['users', 'departments', 'roles', 'apps', 'tokens', 'audit'] as const;

/**
 * The console's frame: a section menu for workspace admins above the page. Others (an app admin who
 * opens a form's permission sets or public links) get the page alone; every page asks the server,
 * which answers 403 to whoever may not, and the page says so.
 */
export default function AdminLayout() {
  const me = useMe();
  return (
    <AntApp className="admin-console" component="div">
      {me.user.isAdmin && <SectionMenu />}
      <Suspense
        fallback={
          <div className="page-spinner">
            <Spin />
          </div>
        }
      >
        <Outlet />
      </Suspense>
    </AntApp>
  );
}

function SectionMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const section = pathname.split('/')[2] ?? 'users';
  const selected = section === 'forms' ? 'apps' : section;
  const labels: Record<(typeof SECTIONS)[number], [string, React.ReactNode]> = {
    users: [t('admin.nav.users'), <UserOutlined key="i" />],
    departments: [t('admin.nav.departments'), <ApartmentOutlined key="i" />],
    roles: [t('admin.nav.roles'), <TeamOutlined key="i" />],
    apps: [t('admin.nav.apps'), <AppstoreOutlined key="i" />],
    tokens: [t('admin.nav.tokens'), <KeyOutlined key="i" />],
    audit: [t('admin.nav.audit'), <AuditOutlined key="i" />],
  };
  return (
    <nav aria-label={t('admin.nav.console')}>
      <Menu
        className="admin-menu"
        mode="horizontal"
        disabledOverflow
        selectedKeys={[selected]}
        onClick={({ key }) => navigate(`/admin/${key}`)}
        items={SECTIONS.map((key) => ({ key, label: labels[key][0], icon: labels[key][1] }))}
      />
    </nav>
  );
}

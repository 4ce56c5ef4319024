import { HomeOutlined, InboxOutlined, MenuOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Layout, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../session/session';
import { LanguageSwitch } from './LanguageSwitch';
import { NavMenu } from './NavMenu';
import { UserMenu } from './UserMenu';
import { useIsPhone } from './useIsPhone';
import { useWorkspace, WorkspaceProvider } from './workspace';

/** The frame of every logged-in page; without a session it sends the user to the login page. */
export function Shell() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <PageSpinner />;
  if (state.status === 'anonymous') return <Navigate to="/login" replace state={{ from: location }} />;
  return (
    <WorkspaceProvider>
      <ShellLayout />
    </WorkspaceProvider>
  );
}

export function PageSpinner() {
  return (
    <div className="page-spinner">
      <Spin size="large" />
    </div>
  );
}

function Page() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Outlet />
    </Suspense>
  );
}

function Brand() {
  return (
    <NavLink to="/" className="brand">
      <img src="/favicon.svg" alt="" width={24} height={24} />
      <span>Forecourt</span>
    </NavLink>
  );
}

function ShellLayout() {
  const phone = useIsPhone();
  return phone ? <PhoneLayout /> : <DesktopLayout />;
}

/** Showroom PC: the navigation on the left, language and user at the top right. */
function DesktopLayout() {
  return (
    <Layout className="shell">
      <Layout.Sider width={224} theme="light" className="shell-sider">
        <Brand />
        <NavMenu />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell-header">
          <div className="shell-header-actions">
            <LanguageSwitch />
            <UserMenu />
          </div>
        </Layout.Header>
        <Layout.Content className="shell-content">
          <Page />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Workshop floor: a top bar with the menu in a drawer, and large bottom tabs for home and the inbox. */
function PhoneLayout() {
  const { t } = useTranslation();
  const { counts } = useWorkspace();
  const [open, setOpen] = useState(false);
  return (
    <Layout className="shell shell-phone">
      <Layout.Header className="shell-header">
        <Button
          type="text"
          icon={<MenuOutlined />}
          aria-label={t('shell.openMenu')}
          onClick={() => setOpen(true)}
        />
        <Brand />
        <UserMenu withLanguages />
      </Layout.Header>
      <Drawer
        placement="left"
        open={open}
        onClose={() => setOpen(false)}
        title={t('shell.menu')}
        size={280}
        styles={{ body: { padding: '8px 0' } }}
      >
        <NavMenu onNavigate={() => setOpen(false)} />
      </Drawer>
      <Layout.Content className="shell-content">
        <Page />
      </Layout.Content>
      <nav className="phone-tabs" aria-label={t('shell.tabs')}>
        <NavLink to="/" end>
          <HomeOutlined />
          <span>{t('nav.home')}</span>
        </NavLink>
        <NavLink to="/inbox">
          <Badge count={counts?.todo ?? 0} size="small" offset={[6, 0]}>
            <InboxOutlined />
          </Badge>
          <span>{t('nav.inbox')}</span>
        </NavLink>
      </nav>
    </Layout>
  );
}

/**
 * The admin console's routes, under /admin in router.tsx. Each page is its own lazy chunk like every
 * other page. The permission-set and public-link pages of a form keep their paths
 * (/admin/forms/:formId/permissions, /admin/forms/:formId/public-links): the form designer links to them.
 */
import { lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router';

const AdminLayout = lazy(() => import('./AdminLayout'));
const UsersPage = lazy(() => import('./users/UsersPage'));
const DepartmentsPage = lazy(() => import('./departments/DepartmentsPage'));
const RolesPage = lazy(() => import('./roles/RolesPage'));
const AppsPage = lazy(() => import('./apps/AppsPage'));
const PermissionSetsPage = lazy(() => import('./permissions/PermissionSetsPage'));
const PublicLinksPage = lazy(() => import('./public-links/PublicLinksPage'));
const TokensPage = lazy(() => import('./tokens/TokensPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));

export const adminRoute: RouteObject = {
  path: 'admin',
  element: <AdminLayout />,
  children: [
    { index: true, element: <Navigate to="users" replace /> },
    { path: 'users', element: <UsersPage /> },
    { path: 'departments', element: <DepartmentsPage /> },
    { path: 'roles', element: <RolesPage /> },
    { path: 'apps', element: <AppsPage /> },
    { path: 'forms/:formId/permissions', element: <PermissionSetsPage /> },
    { path: 'forms/:formId/public-links', element: <PublicLinksPage /> },
    { path: 'tokens', element: <TokensPage /> },
    { path: 'audit', element: <AuditPage /> },
  ],
};

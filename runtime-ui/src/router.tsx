/**
 * Every page is its own lazy chunk: the shell (this file, the layout, React, the router, i18n and the
 * antd parts the frame uses) stays small and a page's code loads when it is first opened.
 */
import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { adminRoute } from './admin/routes';
import { Shell } from './shell/Shell';

const LoginPage = lazy(() => import('./pages/LoginPage'));
// Public fill and query links: outside the shell (no login, no app chrome).
const PublicPage = lazy(() => import('./public/PublicPage'));
const HomePage = lazy(() => import('./pages/HomePage'));
const AppPage = lazy(() => import('./pages/AppPage'));
const RecordsPage = lazy(() => import('./pages/RecordsPage'));
const RecordPage = lazy(() => import('./pages/RecordPage'));
const NewRecordPage = lazy(() => import('./pages/NewRecordPage'));
const EditRecordPage = lazy(() => import('./pages/EditRecordPage'));
const InboxPage = lazy(() => import('./pages/InboxPage'));
const TaskPage = lazy(() => import('./pages/TaskPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const FlowDesignPage = lazy(() => import('./pages/design/FlowDesignPage'));
const FormDesignPage = lazy(() => import('./pages/design/FormDesignPage'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/p/:token', element: <PublicPage /> },
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'apps/:appId', element: <AppPage /> },
      { path: 'forms/:formId/records', element: <RecordsPage /> },
      { path: 'forms/:formId/records/:recordId', element: <RecordPage /> },
      { path: 'forms/:formId/new', element: <NewRecordPage /> },
      { path: 'forms/:formId/records/:recordId/edit', element: <EditRecordPage /> },
      { path: 'inbox', element: <InboxPage /> },
      { path: 'tasks/:taskId', element: <TaskPage /> },
      adminRoute,
      { path: 'design/forms/:formId', element: <FormDesignPage /> },
      { path: 'design/forms/:formId/flow', element: <FlowDesignPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

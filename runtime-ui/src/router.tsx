/**
 * Every page is its own lazy chunk: the shell (this file, the layout, React, the router, i18n and the
 * antd parts the frame uses) stays small and a page's code loads when it is first opened.
 */
import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { Shell } from './shell/Shell';

const LoginPage = lazy(() => import('./pages/LoginPage'));
const HomePage = lazy(() => import('./pages/HomePage'));
const AppPage = lazy(() => import('./pages/AppPage'));
const RecordsPage = lazy(() => import('./pages/RecordsPage'));
const RecordPage = lazy(() => import('./pages/RecordPage'));
const InboxPage = lazy(() => import('./pages/InboxPage'));
const TaskPage = lazy(() => import('./pages/TaskPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'apps/:appId', element: <AppPage /> },
      { path: 'forms/:formId/records', element: <RecordsPage /> },
      { path: 'forms/:formId/records/:recordId', element: <RecordPage /> },
      { path: 'inbox', element: <InboxPage /> },
      { path: 'tasks/:taskId', element: <TaskPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

/// <reference types="vite/client" />
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { initI18n } from './i18n';
import { router } from './router';
import { Providers } from './shell/Providers';
import { PageSpinner } from './shell/Shell';
import './styles.css';

initI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <Suspense fallback={<PageSpinner />}>
        <RouterProvider router={router} />
      </Suspense>
    </Providers>
  </StrictMode>,
);

/**
 * `/p/:token`, a public fill or query link, for anyone holding the address: no login and none of the
 * app's chrome. It opens the link (asking for its password when it has one), then shows the fill form
 * or the query form; every way a link can refuse has its own friendly page.
 */
import { Skeleton } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useLabel } from '../i18n/label';
import { LinkProblem } from './LinkProblem';
import { PasswordGate } from './PasswordGate';
import { PublicFrame } from './PublicFrame';
import { openLink, PublicApiError, type PublicForm } from './publicApi';
import { QueryPage } from './QueryPage';

// The form renderer (rjsf, the field registry, live formulas) loads only for fill links.
const FillPage = lazy(() => import('./FillPage'));

type LinkState =
  | { status: 'loading' }
  | { status: 'password'; wrong: boolean; checking: boolean }
  | { status: 'refused'; error: PublicApiError }
  | { status: 'open'; view: PublicForm };

export default function PublicPage() {
  const { token = '' } = useParams();
  const label = useLabel();
  // Kept in memory only: a reload asks again, and nothing of it outlives the tab.
  const [password, setPassword] = useState('');
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<LinkState>({ status: 'loading' });

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt only asks to try again
  useEffect(() => {
    let current = true;
    setState((previous) =>
      previous.status === 'password' ? { ...previous, checking: true } : { status: 'loading' },
    );
    openLink(token, password).then(
      (view) => current && setState({ status: 'open', view }),
      (caught: unknown) => {
        if (!current) return;
        const error =
          caught instanceof PublicApiError ? caught : new PublicApiError(0, 'network', String(caught), []);
        setState(
          error.status === 401
            ? { status: 'password', wrong: password !== '', checking: false }
            : { status: 'refused', error },
        );
      },
    );
    return () => {
      current = false;
    };
  }, [token, password, attempt]);

  const title = state.status === 'open' ? state.view.form.title : undefined;
  useEffect(() => {
    if (title) document.title = label(title);
  }, [title, label]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const linkFailed = useCallback((error: PublicApiError) => {
    setState(
      error.status === 401
        ? { status: 'password', wrong: true, checking: false }
        : { status: 'refused', error },
    );
  }, []);

  if (state.status === 'open') {
    const { view } = state;
    const Page = view.kind === 'fill' ? FillPage : QueryPage;
    return (
      <PublicFrame title={view.form.title} description={view.form.description}>
        <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
          <Page token={token} password={password} view={view} onLinkError={linkFailed} />
        </Suspense>
      </PublicFrame>
    );
  }
  return (
    <PublicFrame>
      {state.status === 'loading' && <Skeleton active paragraph={{ rows: 8 }} />}
      {state.status === 'password' && (
        <PasswordGate
          wrong={state.wrong}
          busy={state.checking}
          onPassword={(given) => {
            setPassword(given);
            retry();
          }}
        />
      )}
      {state.status === 'refused' && <LinkProblem error={state.error} onRetry={retry} />}
    </PublicFrame>
  );
}

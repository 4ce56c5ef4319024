/**
 * Who is logged in. On load `GET /api/me` tells (and hands a fresh CSRF token); 401 means nobody.
 * The session itself is the httpOnly cookie the server set: the app never sees or stores it.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, get, onSessionLost, post, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';
import { clearUserDrafts } from '../form/drafts';

export type SessionState = { status: 'loading' } | { status: 'anonymous' } | { status: 'signedIn'; me: Me };

interface Session {
  state: SessionState;
  login(email: string, password: string): Promise<void>;
  /** Ends the session, drops this user's drafts and loads /login afresh: on a shared showroom PC nothing of
   *  theirs (module-level caches of names, titles, widget options) stays for the next person. */
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const loadMe = useCallback(async () => {
    try {
      const me = await get<Me>('/api/me');
      setCsrfToken(me.csrfToken);
      setState({ status: 'signedIn', me });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ status: 'anonymous' });
      else throw error;
    }
  }, []);

  useEffect(() => {
    onSessionLost(() => {
      setCsrfToken(undefined);
      setState({ status: 'anonymous' });
    });
    loadMe().catch(() => setState({ status: 'anonymous' }));
    return () => onSessionLost(undefined);
  }, [loadMe]);

  const login = useCallback(
    async (email: string, password: string) => {
      const answer = await post<{ csrfToken: string }>('/api/auth/login', { email, password });
      setCsrfToken(answer.csrfToken);
      await loadMe();
    },
    [loadMe],
  );

  const userId = state.status === 'signedIn' ? state.me.user.id : undefined;
  const logout = useCallback(async () => {
    try {
      await post('/api/auth/logout');
    } finally {
      if (userId) clearUserDrafts(userId);
      setCsrfToken(undefined);
      window.location.assign('/login');
    }
  }, [userId]);

  const value = useMemo(() => ({ state, login, logout }), [state, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The logged-in user; only inside the shell, which renders nothing else without one. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useMe without a session');
  return state.me;
}

/** What the shell loads once for every page: the user's apps (navigation) and the inbox counts (badges). */
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { App, InboxCounts } from '../api/types';
import { useFetch } from '../api/useFetch';

interface Workspace {
  apps: App[] | undefined;
  counts: InboxCounts | undefined;
  refreshCounts(): void;
}

const WorkspaceContext = createContext<Workspace | undefined>(undefined);

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const apps = useFetch<{ apps: App[] }>('/api/apps');
  const counts = useFetch<InboxCounts>('/api/tasks/counts');
  const value = useMemo(
    () => ({ apps: apps.data?.apps, counts: counts.data, refreshCounts: counts.reload }),
    [apps.data, counts.data, counts.reload],
  );
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside WorkspaceProvider');
  return workspace;
}

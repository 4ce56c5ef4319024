import { useEffect, useRef, useState } from 'react';
import { get } from '../../api/client';
import type { DirectoryUser } from '../../api/types';

/** Names of stored user ids, looked up in the directory (disabled colleagues included); each id asked once. */
export function usePeopleNames(ids: string[]): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const asked = useRef(new Set<string>());
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    const missing = key ? key.split(',').filter((id) => !asked.current.has(id)) : [];
    if (!missing.length) return;
    // At most 100 ids a request; a form's sets and an app's roles stay well below that.
    const batch = missing.slice(0, 100);
    for (const id of batch) asked.current.add(id);
    get<{ users: DirectoryUser[] }>(`/api/directory/users?ids=${batch.map(encodeURIComponent).join(',')}`)
      .then((answer) =>
        setNames((previous) => {
          const next = new Map(previous);
          for (const user of answer.users) next.set(user.id, user.name);
          return next;
        }),
      )
      .catch(() => undefined);
  }, [key]);
  return names;
}

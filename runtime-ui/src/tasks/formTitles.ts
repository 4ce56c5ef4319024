import { useEffect, useState } from 'react';
import { get } from '../api/client';
import type { FormView, Label } from '../api/types';
import { definitionOf } from '../api/types';

/** Form titles by id, fetched once per page load: inbox items name only the form's id. */
const titles = new Map<string, Promise<Label | null>>();

function titleOf(formId: string): Promise<Label | null> {
  let title = titles.get(formId);
  if (!title) {
    title = get<FormView>(`/api/forms/${encodeURIComponent(formId)}`).then(
      (view) => definitionOf(view).title,
      () => null,
    );
    titles.set(formId, title);
  }
  return title;
}

export function useFormTitles(formIds: readonly string[]): Map<string, Label | null> {
  const [known, setKnown] = useState(new Map<string, Label | null>());
  const key = [...new Set(formIds)].sort().join(',');
  useEffect(() => {
    let current = true;
    const ids = key ? key.split(',') : [];
    Promise.all(ids.map(async (id) => [id, await titleOf(id)] as const)).then(
      (pairs) => current && setKnown(new Map(pairs)),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return known;
}

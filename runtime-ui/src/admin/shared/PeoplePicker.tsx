import { Select, type SelectProps } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import type { DirectoryUser } from '../../api/types';

type Value = string | string[] | null | undefined;

interface Props extends Omit<SelectProps, 'options' | 'onSearch' | 'filterOption' | 'value' | 'onChange'> {
  value?: Value;
  onChange?: (value: Value) => void;
  multiple?: boolean;
}

function describe(user: DirectoryUser, disabledWord: string): string {
  const department = user.departments[0]?.name;
  const name = user.active ? user.name : `${user.name} (${disabledWord})`;
  return department ? `${name} · ${department}` : name;
}

/**
 * Picks colleagues by typing part of a name or email (the directory API, open to every member); the
 * names of ids already chosen are looked up by id, so a stored value shows names, not ids.
 */
export function PeoplePicker({ value, onChange, multiple, ...rest }: Props) {
  const { t } = useTranslation();
  const [found, setFound] = useState<DirectoryUser[]>([]);
  const [known, setKnown] = useState<Map<string, DirectoryUser>>(new Map());
  const [searching, setSearching] = useState(false);
  const latest = useRef(0);
  const ids = useMemo(() => (Array.isArray(value) ? value : value ? [value] : []), [value]);

  const remember = (users: DirectoryUser[]) =>
    setKnown((previous) => {
      const next = new Map(previous);
      for (const user of users) next.set(user.id, user);
      return next;
    });

  const search = (text: string) => {
    const ticket = ++latest.current;
    setSearching(true);
    get<{ users: DirectoryUser[] }>(`/api/directory/users?limit=20&q=${encodeURIComponent(text)}`)
      .then((answer) => {
        if (ticket !== latest.current) return;
        setFound(answer.users);
        remember(answer.users);
      })
      .catch(() => undefined)
      .finally(() => ticket === latest.current && setSearching(false));
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: names are looked up once per unknown id
  useEffect(() => {
    const missing = ids.filter((id) => !known.has(id));
    if (!missing.length) return;
    get<{ users: DirectoryUser[] }>(`/api/directory/users?ids=${missing.map(encodeURIComponent).join(',')}`)
      .then((answer) => remember(answer.users))
      .catch(() => undefined);
  }, [ids.join(',')]);

  const disabledWord = t('admin.common.disabled');
  const options = useMemo(() => {
    const shown = new Map<string, DirectoryUser>();
    for (const id of ids) {
      const user = known.get(id);
      if (user) shown.set(id, user);
    }
    for (const user of found) shown.set(user.id, user);
    return [...shown.values()].map((user) => ({ value: user.id, label: describe(user, disabledWord) }));
  }, [ids, known, found, disabledWord]);

  return (
    <Select
      {...rest}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      loading={searching}
      value={multiple ? ids : (ids[0] ?? null)}
      onChange={(next) => onChange?.(next ?? (multiple ? [] : null))}
      onOpenChange={(open) => open && !found.length && search('')}
      options={options}
      placeholder={rest.placeholder ?? t('admin.common.searchPeople')}
      notFoundContent={searching ? null : t('admin.common.nobodyFound')}
    />
  );
}

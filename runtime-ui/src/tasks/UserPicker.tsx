import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client';
import type { DirectoryUser } from '../api/types';

interface Common {
  id: string;
  /** People who may not be chosen (oneself, say). */
  exclude?: readonly string[];
  placeholder?: string;
}
interface SinglePick extends Common {
  multiple?: false;
  value: string | undefined;
  onChange(userId: string | undefined): void;
}
interface ManyPick extends Common {
  multiple: true;
  value: string[];
  onChange(userIds: string[]): void;
}

/**
 * Picks a colleague (or several) by typing part of their name or email: `GET /api/directory/users?q=` (any member
 * may search; active users only), asked 250 ms after the last key so typing does not flood the server.
 */
export function UserPicker(props: SinglePick | ManyPick) {
  const { id, exclude = [] } = props;
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [people, setPeople] = useState<DirectoryUser[]>();
  const asked = useRef(0);
  useEffect(() => {
    const mine = ++asked.current;
    const timer = setTimeout(() => {
      get<{ users: DirectoryUser[] }>(`/api/directory/users?limit=20&q=${encodeURIComponent(query)}`).then(
        (answer) => mine === asked.current && setPeople(answer.users),
        () => mine === asked.current && setPeople([]),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [query]);
  return (
    <Select<string | string[]>
      id={id}
      mode={props.multiple ? 'multiple' : undefined}
      value={props.value}
      onChange={(chosen: string | string[] | undefined) => {
        if (props.multiple) props.onChange(Array.isArray(chosen) ? chosen : []);
        else props.onChange(typeof chosen === 'string' ? chosen : undefined);
      }}
      allowClear
      placeholder={props.placeholder ?? t('task.pickPerson')}
      loading={people === undefined}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      notFoundContent={people === undefined ? null : t('task.nobodyFound')}
      options={(people ?? [])
        .filter((p) => !exclude.includes(p.id))
        .map((p) => ({
          value: p.id,
          label: p.departments[0] ? `${p.name} · ${p.departments[0].name}` : p.name,
        }))}
    />
  );
}

/**
 * Member and department pickers. Members are searched on the server as the user types (a dealer group
 * has thousands); departments are one small tree, loaded once. Stored values are ids.
 */
import { Select, TreeSelect } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import type { DirectoryDepartment, DirectoryUser } from '../../api/types';
import type { FieldWidget, WidgetProps } from '../types';

type Ids = string | string[];

const asList = (value: Ids | null | undefined): string[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];

function userLabel(user: DirectoryUser, disabled: string): string {
  const department = user.departments[0]?.name;
  const name = user.active ? user.name : `${user.name} (${disabled})`;
  return department ? `${name} · ${department}` : name;
}

function MemberInput({ field, id, value, onChange, readOnly, invalid }: WidgetProps<Ids>) {
  const { t } = useTranslation();
  const multiple = field.multiple === true;
  const chosen = asList(value);
  const [found, setFound] = useState<DirectoryUser[]>([]);
  const [named, setNamed] = useState<Record<string, DirectoryUser>>({});
  const [searching, setSearching] = useState(false);
  const query = useRef(0);
  const allowed = Array.isArray(field.departments) ? (field.departments as string[]) : undefined;

  const search = (text: string) => {
    const mine = ++query.current;
    setSearching(true);
    get<{ users: DirectoryUser[] }>(`/api/directory/users?q=${encodeURIComponent(text)}&limit=20`)
      .then(({ users }) => {
        if (mine !== query.current) return;
        setFound(allowed ? users.filter((u) => u.departments.some((d) => allowed.includes(d.id))) : users);
      })
      .catch(() => mine === query.current && setFound([]))
      .finally(() => mine === query.current && setSearching(false));
  };

  // Names of the stored ids (a draft, an edited record, the current-user default).
  const missing = chosen.filter((userId) => !named[userId]).join(',');
  useEffect(() => {
    if (!missing) return;
    get<{ users: DirectoryUser[] }>(`/api/directory/users?ids=${encodeURIComponent(missing)}`)
      .then(({ users }) =>
        setNamed((previous) => ({ ...previous, ...Object.fromEntries(users.map((u) => [u.id, u])) })),
      )
      .catch(() => undefined);
  }, [missing]);

  const options = useMemo(() => {
    const byId = new Map<string, DirectoryUser>();
    for (const userId of chosen) if (named[userId]) byId.set(userId, named[userId]);
    for (const user of found) byId.set(user.id, user);
    return [...byId.values()].map((user) => ({
      value: user.id,
      label: userLabel(user, t('fill.disabledUser')),
    }));
  }, [chosen, named, found, t]);

  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={multiple ? chosen : (chosen[0] ?? undefined)}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => open && found.length === 0 && search('')}
      loading={searching}
      allowClear
      placeholder={t('fill.searchPeople')}
      notFoundContent={searching ? t('fill.searching') : t('fill.nobodyFound')}
      disabled={readOnly}
      status={invalid ? 'error' : undefined}
      options={options}
      onChange={(next: string | string[] | undefined) => {
        const users = asList(next ?? null);
        const picked = Object.fromEntries(found.filter((u) => users.includes(u.id)).map((u) => [u.id, u]));
        setNamed((previous) => ({ ...previous, ...picked }));
        onChange(users.length === 0 ? null : multiple ? users : (users[0] ?? null));
      }}
    />
  );
}

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

function departmentTree(departments: DirectoryDepartment[]): TreeNode[] {
  const nodes = new Map(
    departments.map((d) => [d.id, { value: d.id, title: d.name, children: [] as TreeNode[] }]),
  );
  const roots: TreeNode[] = [];
  for (const department of departments) {
    const node = nodes.get(department.id)!;
    const parent = department.parentId ? nodes.get(department.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

let departmentsLoaded: Promise<DirectoryDepartment[]> | undefined;

function DepartmentInput({ field, id, value, onChange, readOnly, invalid }: WidgetProps<Ids>) {
  const { t } = useTranslation();
  const multiple = field.multiple === true;
  const [tree, setTree] = useState<TreeNode[]>([]);
  useEffect(() => {
    departmentsLoaded ??= get<{ departments: DirectoryDepartment[] }>('/api/directory/departments').then(
      (answer) => answer.departments,
    );
    departmentsLoaded
      .then((departments) => setTree(departmentTree(departments)))
      .catch(() => {
        departmentsLoaded = undefined;
      });
  }, []);
  const chosen = asList(value);
  return (
    <TreeSelect
      id={id}
      treeData={tree}
      multiple={multiple}
      value={multiple ? chosen : (chosen[0] ?? undefined)}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      allowClear
      placeholder={t('fill.pickDepartment')}
      disabled={readOnly}
      status={invalid ? 'error' : undefined}
      onChange={(next: string | string[] | undefined) => {
        const ids = asList(next ?? null);
        onChange(ids.length === 0 ? null : multiple ? ids : (ids[0] ?? null));
      }}
    />
  );
}

export const peopleWidgets: Record<string, FieldWidget> = {
  member: { Component: MemberInput as FieldWidget['Component'] },
  department: { Component: DepartmentInput as FieldWidget['Component'] },
};

import type { DirectoryRole } from '@forecourt/schemas/api';
import type { DirectoryDepartment } from '../../api/types';
import { useFetch } from '../../api/useFetch';

/** `GET /api/directory/roles`: a role's id and name. */
export type { DirectoryRole as NamedRole } from '@forecourt/schemas/api';

/** The departments and roles every picker of the console chooses from (the directory: any member may read it). */
export function useOrgLists() {
  const departments = useFetch<{ departments: DirectoryDepartment[] }>('/api/directory/departments');
  const roles = useFetch<{ roles: DirectoryRole[] }>('/api/directory/roles');
  return {
    departments: departments.data?.departments ?? [],
    roles: roles.data?.roles ?? [],
    reload() {
      departments.reload();
      roles.reload();
    },
  };
}

export interface TreeOption {
  value: string;
  title: string;
  key: string;
  disabled?: boolean;
  children: TreeOption[];
}

/** A flat department list as TreeSelect data; `exclude` and everything below it are left out (a move's target). */
export function departmentTreeData(departments: DirectoryDepartment[], exclude?: string): TreeOption[] {
  const nodes = new Map<string, TreeOption>();
  for (const d of departments) {
    if (d.id !== exclude) nodes.set(d.id, { value: d.id, key: d.id, title: d.name, children: [] });
  }
  const roots: TreeOption[] = [];
  for (const d of departments) {
    const node = nodes.get(d.id);
    if (!node) continue;
    if (d.parentId === null) roots.push(node);
    else nodes.get(d.parentId)?.children.push(node);
    // A parent left out (excluded) leaves its subtree unreachable: moving under one's own child is a cycle.
  }
  return roots;
}

export function nameMap(list: { id: string; name: string }[]): Map<string, string> {
  return new Map(list.map((item) => [item.id, item.name]));
}

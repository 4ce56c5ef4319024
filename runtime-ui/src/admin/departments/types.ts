export type DepartmentKind = 'group' | 'store' | 'department';

/** `GET /api/departments`: the admin's tree, with kinds, codes and heads. */
export interface DepartmentNode {
  id: string;
  parentId: string | null;
  name: string;
  kind: DepartmentKind;
  code: string | null;
  headUserId: string | null;
  sort: number;
  children: DepartmentNode[];
}

export const KINDS: DepartmentKind[] = ['group', 'store', 'department'];

import type { DepartmentKind } from '@forecourt/schemas/api';

/** `GET /api/departments`: the admin's tree, with kinds, codes and heads. */
export type { DepartmentKind, DepartmentNode } from '@forecourt/schemas/api';

export const KINDS: DepartmentKind[] = ['group', 'store', 'department'];

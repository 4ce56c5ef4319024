/** What a permission set is made of, as the API takes it (docs/access-control.md). */
export const ACTIONS = [
  'view',
  'create',
  'edit',
  'delete',
  'export',
  'import',
  'batchEdit',
  'print',
  'manageWorkflow',
] as const;
export type Action = (typeof ACTIONS)[number];

export const SCOPE_KINDS = ['own', 'department', 'subtree', 'all', 'filter'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** The server's presets (engine/src/access/types.ts), to fill the form when one is picked. */
export const PRESETS: Record<string, { actions: Action[]; scope: ScopeKind }> = {
  submitOnly: { actions: ['create'], scope: 'own' },
  submitAndManageOwn: { actions: ['create', 'view', 'edit', 'delete', 'print'], scope: 'own' },
  viewAll: { actions: ['view', 'export', 'print'], scope: 'all' },
  manageAll: { actions: [...ACTIONS], scope: 'all' },
};

export interface PermissionSet {
  id: string;
  formId: string;
  name: string;
  preset: string | null;
  actions: Action[];
  readFields: string[] | null;
  writeFields: string[] | null;
  scope: { kind: ScopeKind; filter?: unknown };
  assignees: { users: string[]; departments: string[]; roles: string[] };
  createdAt: string;
  updatedAt: string;
}

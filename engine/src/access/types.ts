import type { Condition } from '@forecourt/schemas';
import { PERMISSION_ACTIONS } from '@forecourt/schemas/api';

/** What a permission set can allow on a form's records (the API contract's words). */
export const ACTIONS = PERMISSION_ACTIONS;
export type Action = (typeof ACTIONS)[number];

/** Which records a set reaches. A department includes only its own records; a subtree, those below it too. */
export type RowScope =
  | { kind: 'own' }
  | { kind: 'department' }
  | { kind: 'subtree' }
  | { kind: 'all' }
  /** A condition of the record query language, with `isMe`, `inMyDepartment`, `inMySubtree` for "my store". */
  | { kind: 'filter'; filter: Condition };

export interface Assignees {
  users: string[];
  /** A department includes every department below it. */
  departments: string[];
  roles: string[];
}

/** A form's permission set as stored: actions × fields × rows, for the users it is assigned to. */
export interface PermissionSet {
  id: string;
  formId: string;
  name: string;
  preset: PresetKey | null;
  actions: Action[];
  /** Field ids the set shows; null: every field, including fields added later. */
  readFields: string[] | null;
  /** Field ids the set lets people fill or change; always within `readFields`. */
  writeFields: string[] | null;
  scope: RowScope;
  assignees: Assignees;
  createdAt: string;
  updatedAt: string;
}

/** The ready-made sets of Jiandaoyun's permission panel, as a starting point for a form's sets. */
export const PRESETS = {
  submitOnly: { actions: ['create'], scope: { kind: 'own' } },
  submitAndManageOwn: {
    actions: ['create', 'view', 'edit', 'delete', 'print'],
    scope: { kind: 'own' },
  },
  viewAll: { actions: ['view', 'export', 'print'], scope: { kind: 'all' } },
  manageAll: {
    actions: ['view', 'create', 'edit', 'delete', 'export', 'import', 'batchEdit', 'print', 'manageWorkflow'],
    scope: { kind: 'all' },
  },
} as const satisfies Record<string, { actions: readonly Action[]; scope: RowScope }>;
export type PresetKey = keyof typeof PRESETS;

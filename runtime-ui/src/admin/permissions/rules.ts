/** What a permission set is made of, as the API takes it (docs/access-control.md): the contract's words. */
import {
  PERMISSION_ACTIONS as ACTIONS,
  type PermissionAction as Action,
  SCOPE_KINDS,
  type ScopeKind,
} from '@forecourt/schemas/api';

export type { PermissionSet } from '@forecourt/schemas/api';
export { ACTIONS, type Action, SCOPE_KINDS, type ScopeKind };

/** The server's presets (engine/src/access/types.ts), to fill the form when one is picked. */
export const PRESETS: Record<string, { actions: Action[]; scope: ScopeKind }> = {
  submitOnly: { actions: ['create'], scope: 'own' },
  submitAndManageOwn: { actions: ['create', 'view', 'edit', 'delete', 'print'], scope: 'own' },
  viewAll: { actions: ['view', 'export', 'print'], scope: 'all' },
  manageAll: { actions: [...ACTIONS], scope: 'all' },
};

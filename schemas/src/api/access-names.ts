/**
 * The words of permission sets, as plain data: the web app imports these values, and this module
 * imports no TypeBox, so none reaches its bundle. The shapes that use them are in access.ts.
 */

/** What a permission set can allow on a form's records. */
export const PERMISSION_ACTIONS = [
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
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];

/** Which records a set reaches: its owner's, its department's (or subtree's), all, or a filter's. */
export const SCOPE_KINDS = ['own', 'department', 'subtree', 'all', 'filter'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

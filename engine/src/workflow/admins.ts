import type { Run } from './run';

/**
 * The flow's admins: the app's admins, else the workspace's. They get the approvals nobody else
 * can take ("send it to the admins") and hear of an automatic action that failed.
 */
export async function flowAdmins(run: Run): Promise<string[]> {
  const appAdmins = await run.trx
    .selectFrom('app_roles')
    .innerJoin('forms', 'forms.app_id', 'app_roles.app_id')
    .innerJoin('users', 'users.id', 'app_roles.subject_id')
    .select('users.id')
    .where('forms.id', '=', run.instance.form_id)
    .where('app_roles.subject_type', '=', 'user')
    .where('app_roles.role', '=', 'admin')
    .where('users.status', '=', 'active')
    .execute();
  if (appAdmins.length) return appAdmins.map((u) => u.id);
  const admins = await run.trx
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', run.instance.workspace_id)
    .where('is_admin', '=', true)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .execute();
  return admins.map((u) => u.id);
}

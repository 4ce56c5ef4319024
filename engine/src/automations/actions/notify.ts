import type { NotifyAction } from '@forecourt/schemas';
import type { AutomationActionKindModule } from './kind';

/** In-app notifications (the workflow's table) to the named users and the members of the named roles. */
export const notifyAction: AutomationActionKindModule<NotifyAction> = {
  async perform(run, action) {
    const users = new Set(action.users ?? []);
    if (action.roles?.length) {
      const members = await run.trx
        .selectFrom('role_members')
        .select('user_id')
        .where('workspace_id', '=', run.workspaceId)
        .where('role_id', 'in', action.roles)
        .execute();
      for (const m of members) users.add(m.user_id);
    }
    const active = users.size
      ? await run.trx
          .selectFrom('users')
          .select('id')
          .where('workspace_id', '=', run.workspaceId)
          .where('id', 'in', [...users])
          .where('status', '=', 'active')
          .execute()
      : [];
    if (active.length)
      await run.trx
        .insertInto('notifications')
        .values(
          active.map((user) => ({
            workspace_id: run.workspaceId,
            user_id: user.id,
            kind: 'automation.notice',
            instance_id: null,
            task_id: null,
            details: JSON.stringify({
              automationId: run.automationId,
              formId: run.record.form_id,
              recordId: run.record.id,
              message: action.message,
            }),
            created_at: run.context.now,
          })),
        )
        .execute();
    return { notified: active.map((user) => user.id) };
  },
};

import type { JsonSchema } from '../../fields/contract';
import { labelSchema } from '../../fields/schema-parts';
import type { NotifyAction } from '../types';
import type { AutomationActionRules } from './kind';

const idList: JsonSchema = {
  type: 'array',
  maxItems: 100,
  items: { type: 'string', minLength: 1, maxLength: 64 },
};

/** An in-app notification to users and the members of roles (resolved when the automation runs). */
export const notifyRules: AutomationActionRules<NotifyAction> = {
  properties: { users: idList, roles: idList, message: labelSchema },
  required: ['message'],
  issues(action, path) {
    if ((action.users?.length ?? 0) + (action.roles?.length ?? 0) > 0) return [];
    return [
      {
        path,
        code: 'automation.notify_nobody',
        message: 'A notification needs someone to go to: name users or roles.',
      },
    ];
  },
};
